// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Script} from "forge-std/Script.sol";

import {PactumToken} from "../src/PactumToken.sol";
import {CollateralVault} from "../src/CollateralVault.sol";
import {DealManager} from "../src/DealManager.sol";
import {MediationCourt} from "../src/MediationCourt.sol";

/// @title Deploy
/// @notice Deploys PactumToken, CollateralVault, MediationCourt and DealManager, allowlists the
///         token in the vault and makes the DealManager and the court lockers. Court and manager
///         point at each other through immutables: the court is deployed first with the
///         manager's predicted CREATE address (checked). The broadcasting key owns token and vault.
///
///         env PRIVATE_KEY            deployer key (required)
///         env PACTUM_FEE_BPS         network fee in basis points (default 100 = 1 %)
///         env PACTUM_DEPLOYMENT_OUT  path of the JSON written (optional; relative to contracts/;
///                                    must be under a path in foundry.toml fs_permissions)
///         env PACTUM_PANEL_SIZE      k, the first mediation panel's size (odd, 1..3; default 1)
///         env PACTUM_MEDIATOR_MIN_BOND  smallest mediator bond, token units (default 100e18)
///         env PACTUM_UNBONDING_SECONDS  mediator unbonding period (default 7 days)
///         env PACTUM_KEEPER_BOUNTY   bounty for triggering an expired deadline (default 1e18)
///
///         JSON: {chainId, token, vault, dealManager, mediationCourt, deployBlock, networkFeeBps,
///         keeperBounty, panelSize, deployer}.
///         `deployBlock` is the block the script ran against: every deployment transaction is
///         mined in it or later, so log pollers can start from it.
///
///         forge script script/Deploy.s.sol --rpc-url $RPC --broadcast --private-key $PRIVATE_KEY
contract Deploy is Script {
    struct Deployment {
        PactumToken token;
        CollateralVault vault;
        DealManager dealManager;
        MediationCourt court;
        uint256 deployBlock;
    }

    struct Config {
        uint16 feeBps;
        uint8 panelSize;
        uint256 minBond;
        uint64 unbondingPeriod;
        uint256 keeperBounty;
    }

    uint256 internal constant DEFAULT_FEE_BPS = 100;
    uint256 internal constant DEFAULT_PANEL_SIZE = 1;
    uint256 internal constant DEFAULT_MIN_BOND = 100e18;
    uint256 internal constant DEFAULT_UNBONDING = 7 days;
    uint256 internal constant DEFAULT_KEEPER_BOUNTY = 1e18;

    function run() external returns (Deployment memory deployment) {
        uint256 privateKey = vm.envUint("PRIVATE_KEY");
        uint256 feeBps = vm.envOr("PACTUM_FEE_BPS", DEFAULT_FEE_BPS);
        require(feeBps <= 10_000, "Deploy: PACTUM_FEE_BPS above 10000");
        address deployer = vm.rememberKey(privateKey);

        uint256 panel = vm.envOr("PACTUM_PANEL_SIZE", DEFAULT_PANEL_SIZE);
        require(panel <= 3, "Deploy: PACTUM_PANEL_SIZE above 3");
        uint256 unbonding = vm.envOr("PACTUM_UNBONDING_SECONDS", DEFAULT_UNBONDING);
        require(unbonding <= type(uint32).max, "Deploy: PACTUM_UNBONDING_SECONDS too large");
        Config memory config = Config({
            // forge-lint: disable-next-line(unsafe-typecast)
            feeBps: uint16(feeBps), // <= 10,000, checked above
            // forge-lint: disable-next-line(unsafe-typecast)
            panelSize: uint8(panel), // <= 3, checked above
            minBond: vm.envOr("PACTUM_MEDIATOR_MIN_BOND", DEFAULT_MIN_BOND),
            // forge-lint: disable-next-line(unsafe-typecast)
            unbondingPeriod: uint64(unbonding), // checked above
            keeperBounty: vm.envOr("PACTUM_KEEPER_BOUNTY", DEFAULT_KEEPER_BOUNTY)
        });
        deployment = deployWith(deployer, config);

        string memory out = vm.envOr("PACTUM_DEPLOYMENT_OUT", string(""));
        if (bytes(out).length != 0) {
            string memory key = "deployment";
            vm.serializeUint(key, "chainId", block.chainid);
            vm.serializeAddress(key, "token", address(deployment.token));
            vm.serializeAddress(key, "vault", address(deployment.vault));
            vm.serializeAddress(key, "dealManager", address(deployment.dealManager));
            vm.serializeAddress(key, "mediationCourt", address(deployment.court));
            vm.serializeUint(key, "keeperBounty", config.keeperBounty);
            vm.serializeUint(key, "panelSize", config.panelSize);
            vm.serializeUint(key, "networkFeeBps", feeBps);
            vm.serializeAddress(key, "deployer", deployer);
            string memory json = vm.serializeUint(key, "deployBlock", deployment.deployBlock);
            vm.writeJson(json, out);
        }
    }

    /// @notice `deployWith` the default mediation settings (k = 1, 100-token bond, 7-day
    ///         unbonding, 1-token keeper bounty). Also builds the test world (test/utils/DealFixture.sol).
    function deploy(address deployer, uint16 feeBps) public returns (Deployment memory deployment) {
        return deployWith(
            deployer,
            Config({
                feeBps: feeBps,
                panelSize: uint8(DEFAULT_PANEL_SIZE),
                minBond: DEFAULT_MIN_BOND,
                unbondingPeriod: uint64(DEFAULT_UNBONDING),
                keeperBounty: DEFAULT_KEEPER_BOUNTY
            })
        );
    }

    /// @notice Deploys and wires the four contracts, broadcasting as `deployer` (who becomes the
    ///         owner of token and vault).
    function deployWith(address deployer, Config memory config) public returns (Deployment memory deployment) {
        deployment.deployBlock = block.number;
        vm.startBroadcast(deployer);
        deployment.token = new PactumToken(deployer);
        deployment.vault = new CollateralVault(deployer);
        // The court is created at nonce n, the manager at n + 1.
        address predicted = vm.computeCreateAddress(deployer, vm.getNonce(deployer) + 1);
        deployment.court = new MediationCourt(
            predicted,
            address(deployment.vault),
            address(deployment.token),
            config.panelSize,
            config.minBond,
            config.unbondingPeriod,
            config.keeperBounty
        );
        deployment.dealManager = new DealManager(
            address(deployment.vault),
            address(deployment.token),
            config.feeBps,
            address(deployment.court),
            config.keeperBounty
        );
        require(address(deployment.dealManager) == predicted, "Deploy: DealManager address prediction");
        deployment.vault.setTokenAllowed(address(deployment.token), true);
        deployment.vault.setLocker(address(deployment.dealManager), true);
        deployment.vault.setLocker(address(deployment.court), true);
        vm.stopBroadcast();
    }
}
