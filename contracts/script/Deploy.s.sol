// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Script} from "forge-std/Script.sol";

import {PactumToken} from "../src/PactumToken.sol";
import {CollateralVault} from "../src/CollateralVault.sol";
import {DealManager} from "../src/DealManager.sol";
import {MediationCourt} from "../src/MediationCourt.sol";
import {CidRegistry} from "../src/CidRegistry.sol";
import {DIDRegistry} from "../src/DIDRegistry.sol";
import {SoulRegistry} from "../src/SoulRegistry.sol";
import {NodeRegistry} from "../src/NodeRegistry.sol";
import {PoSeManagerV2} from "../src/PoSeManagerV2.sol";
import {FaultManager} from "../src/FaultManager.sol";
import {RewardDistributor} from "../src/RewardDistributor.sol";


/// @title Deploy
/// @notice Deploys PactumToken, CollateralVault, MediationCourt and DealManager, allowlists the
///         token in the vault and makes the DealManager and the court lockers. Court and manager
///         point at each other through immutables: the court is deployed first with the
///         manager's predicted CREATE address (checked). Then the registries (CidRegistry,
///         DIDRegistry, SoulRegistry; no owner, no wiring) and the PoSe v2 contracts
///         (NodeRegistry, PoSeManagerV2, FaultManager, RewardDistributor): registry, fault manager
///         and reward distributor become vault lockers, the fault manager the registry's slasher,
///         the deployer the reward oracle. The broadcasting key owns token, vault and the PoSe contracts.
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
///         env PACTUM_POSE_EPOCH_SECONDS  epoch length (default 60: devnet)
///         env PACTUM_POSE_SAMPLES        samples per epoch k (default 32)
///
///         JSON: {chainId, token, vault, dealManager, mediationCourt, cidRegistry, didRegistry,
///         soulRegistry, deployBlock, networkFeeBps, keeperBounty, panelSize, deployer,
///         nodeRegistry, poseManager, faultManager, rewardDistributor, poseEpochSeconds}.
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
        CidRegistry cidRegistry;
        DIDRegistry didRegistry;
        SoulRegistry soulRegistry;
        uint256 deployBlock;
        NodeRegistry nodeRegistry;
        PoSeManagerV2 poseManager;
        FaultManager faultManager;
        RewardDistributor rewardDistributor;
    }

    /// @notice PoSe v2 parameters (docs/contracts/pose.md).
    struct PoSeConfig {
        uint256 minBond;
        uint256 maxNodesPerOperator;
        uint256 epochLength;
        uint8 sampleCount;
        uint256 faultBond;
        uint256 rebuttalPeriod;
        uint256 rewardDisputePeriod;
        uint256 rewardClaimPeriod;
        uint256 maxRewardPerNode;
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
        PoSeConfig memory pose = defaultPoSeConfig();
        pose.epochLength = vm.envOr("PACTUM_POSE_EPOCH_SECONDS", pose.epochLength);
        uint256 samples = vm.envOr("PACTUM_POSE_SAMPLES", uint256(pose.sampleCount));
        require(samples != 0 && samples <= 128, "Deploy: PACTUM_POSE_SAMPLES outside 1..128");
        // forge-lint: disable-next-line(unsafe-typecast)
        pose.sampleCount = uint8(samples); // <= 128, checked above
        deployment = deployWith(deployer, config, pose);

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
            vm.serializeAddress(key, "cidRegistry", address(deployment.cidRegistry));
            vm.serializeAddress(key, "didRegistry", address(deployment.didRegistry));
            vm.serializeAddress(key, "soulRegistry", address(deployment.soulRegistry));
            vm.serializeUint(key, "networkFeeBps", feeBps);
            vm.serializeAddress(key, "deployer", deployer);
            vm.serializeAddress(key, "nodeRegistry", address(deployment.nodeRegistry));
            vm.serializeAddress(key, "poseManager", address(deployment.poseManager));
            vm.serializeAddress(key, "faultManager", address(deployment.faultManager));
            vm.serializeAddress(key, "rewardDistributor", address(deployment.rewardDistributor));
            vm.serializeUint(key, "poseEpochSeconds", pose.epochLength);
            string memory json = vm.serializeUint(key, "deployBlock", deployment.deployBlock);
            vm.writeJson(json, out);
        }
    }

    /// @notice `deployWith` the default mediation settings (k = 1, 100-token bond, 7-day
    ///         unbonding, 1-token keeper bounty) and the default PoSe parameters. Also builds the
    ///         test world (test/utils/DealFixture.sol).
    function deploy(address deployer, uint16 feeBps) public returns (Deployment memory deployment) {
        return deployWith(deployer, defaultConfig(feeBps), defaultPoSeConfig());
    }

    /// @notice The default mediation settings with the given network fee.
    function defaultConfig(uint16 feeBps) public pure returns (Config memory) {
        return Config({
            feeBps: feeBps,
            panelSize: uint8(DEFAULT_PANEL_SIZE),
            minBond: DEFAULT_MIN_BOND,
            unbondingPeriod: uint64(DEFAULT_UNBONDING),
            keeperBounty: DEFAULT_KEEPER_BOUNTY
        });
    }

    /// @notice Devnet defaults: 100 PACT minimum bond, 16 nodes per operator, 60 s epochs,
    ///         k = 32, 10 PACT fault bond, 10 min rebuttal, 10 min reward dispute, 7 days to claim,
    ///         1,000 PACT per node and epoch at most.
    function defaultPoSeConfig() public pure returns (PoSeConfig memory) {
        return PoSeConfig({
            minBond: 100e18,
            maxNodesPerOperator: 16,
            epochLength: 60,
            sampleCount: 32,
            faultBond: 10e18,
            rebuttalPeriod: 10 minutes,
            rewardDisputePeriod: 10 minutes,
            rewardClaimPeriod: 7 days,
            maxRewardPerNode: 1_000e18
        });
    }

    /// @notice As `deploy`, with explicit mediation settings (default PoSe parameters).
    function deployWith(address deployer, Config memory config) public returns (Deployment memory deployment) {
        return deployWith(deployer, config, defaultPoSeConfig());
    }

    /// @notice As `deploy`, with explicit PoSe parameters (default mediation settings).
    function deployWith(address deployer, uint16 feeBps, PoSeConfig memory pose)
        public
        returns (Deployment memory deployment)
    {
        return deployWith(deployer, defaultConfig(feeBps), pose);
    }

    /// @notice Deploys and wires every contract, broadcasting as `deployer` (who becomes the
    ///         owner of token and vault).
    function deployWith(address deployer, Config memory config, PoSeConfig memory pose)
        public
        returns (Deployment memory deployment)
    {
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
        deployment.cidRegistry = new CidRegistry();
        deployment.didRegistry = new DIDRegistry();
        deployment.soulRegistry = new SoulRegistry();
        _deployPoSe(deployer, deployment, pose);
        vm.stopBroadcast();
    }

    function _deployPoSe(address deployer, Deployment memory d, PoSeConfig memory pose) internal {
        address vault = address(d.vault);
        address token = address(d.token);
        d.nodeRegistry = new NodeRegistry(deployer, vault, token, pose.minBond, pose.maxNodesPerOperator);
        d.poseManager =
            new PoSeManagerV2(deployer, address(d.nodeRegistry), block.timestamp, pose.epochLength, pose.sampleCount);
        d.faultManager = new FaultManager(
            vault, token, address(d.nodeRegistry), address(d.poseManager), pose.faultBond, pose.rebuttalPeriod
        );
        d.rewardDistributor = new RewardDistributor(
            deployer,
            vault,
            token,
            address(d.nodeRegistry),
            address(d.poseManager),
            pose.rewardDisputePeriod,
            pose.rewardClaimPeriod,
            pose.maxRewardPerNode
        );
        d.vault.setLocker(address(d.nodeRegistry), true);
        d.vault.setLocker(address(d.faultManager), true);
        d.vault.setLocker(address(d.rewardDistributor), true);
        d.nodeRegistry.setSlasher(address(d.faultManager));
        d.rewardDistributor.setOracle(deployer);
    }
}
