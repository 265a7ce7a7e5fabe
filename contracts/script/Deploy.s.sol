// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Script} from "forge-std/Script.sol";

import {PactumToken} from "../src/PactumToken.sol";
import {CollateralVault} from "../src/CollateralVault.sol";
import {DealManager} from "../src/DealManager.sol";
import {CidRegistry} from "../src/CidRegistry.sol";
import {DIDRegistry} from "../src/DIDRegistry.sol";
import {SoulRegistry} from "../src/SoulRegistry.sol";

/// @title Deploy
/// @notice Deploys PactumToken, CollateralVault, DealManager and the registries (CidRegistry,
///         DIDRegistry, SoulRegistry; no owner, no wiring), allowlists the token in the
///         vault and makes the DealManager a locker. The broadcasting key owns token and vault.
///
///         env PRIVATE_KEY            deployer key (required)
///         env PACTUM_FEE_BPS         network fee in basis points (default 100 = 1 %)
///         env PACTUM_DEPLOYMENT_OUT  path of the JSON written (optional; relative to contracts/;
///                                    must be under a path in foundry.toml fs_permissions)
///
///         JSON: {chainId, token, vault, dealManager, cidRegistry, didRegistry, soulRegistry,
///         deployBlock, networkFeeBps, deployer}.
///         `deployBlock` is the block the script ran against: every deployment transaction is
///         mined in it or later, so log pollers can start from it.
///
///         forge script script/Deploy.s.sol --rpc-url $RPC --broadcast --private-key $PRIVATE_KEY
contract Deploy is Script {
    struct Deployment {
        PactumToken token;
        CollateralVault vault;
        DealManager dealManager;
        CidRegistry cidRegistry;
        DIDRegistry didRegistry;
        SoulRegistry soulRegistry;
        uint256 deployBlock;
    }

    uint256 internal constant DEFAULT_FEE_BPS = 100;

    function run() external returns (Deployment memory deployment) {
        uint256 privateKey = vm.envUint("PRIVATE_KEY");
        uint256 feeBps = vm.envOr("PACTUM_FEE_BPS", DEFAULT_FEE_BPS);
        require(feeBps <= 10_000, "Deploy: PACTUM_FEE_BPS above 10000");
        address deployer = vm.rememberKey(privateKey);

        // forge-lint: disable-next-line(unsafe-typecast)
        deployment = deploy(deployer, uint16(feeBps)); // <= 10,000, checked above

        string memory out = vm.envOr("PACTUM_DEPLOYMENT_OUT", string(""));
        if (bytes(out).length != 0) {
            string memory key = "deployment";
            vm.serializeUint(key, "chainId", block.chainid);
            vm.serializeAddress(key, "token", address(deployment.token));
            vm.serializeAddress(key, "vault", address(deployment.vault));
            vm.serializeAddress(key, "dealManager", address(deployment.dealManager));
            vm.serializeAddress(key, "cidRegistry", address(deployment.cidRegistry));
            vm.serializeAddress(key, "didRegistry", address(deployment.didRegistry));
            vm.serializeAddress(key, "soulRegistry", address(deployment.soulRegistry));
            vm.serializeUint(key, "networkFeeBps", feeBps);
            vm.serializeAddress(key, "deployer", deployer);
            string memory json = vm.serializeUint(key, "deployBlock", deployment.deployBlock);
            vm.writeJson(json, out);
        }
    }

    /// @notice Deploys and wires the contracts, broadcasting as `deployer` (who becomes the
    ///         owner of token and vault). Also builds the test world (test/utils/DealFixture.sol).
    function deploy(address deployer, uint16 feeBps) public returns (Deployment memory deployment) {
        deployment.deployBlock = block.number;
        vm.startBroadcast(deployer);
        deployment.token = new PactumToken(deployer);
        deployment.vault = new CollateralVault(deployer);
        deployment.dealManager = new DealManager(address(deployment.vault), address(deployment.token), feeBps);
        deployment.vault.setTokenAllowed(address(deployment.token), true);
        deployment.vault.setLocker(address(deployment.dealManager), true);
        deployment.cidRegistry = new CidRegistry();
        deployment.didRegistry = new DIDRegistry();
        deployment.soulRegistry = new SoulRegistry();
        vm.stopBroadcast();
    }
}
