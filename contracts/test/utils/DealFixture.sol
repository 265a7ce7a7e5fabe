// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {Deploy} from "../../script/Deploy.s.sol";
import {PactumToken} from "../../src/PactumToken.sol";
import {CollateralVault} from "../../src/CollateralVault.sol";
import {DealManager} from "../../src/DealManager.sol";
import {MediationCourt} from "../../src/MediationCourt.sol";
import {Deal, DealPhase, DealRecord} from "../../src/types/DealTypes.sol";

/// @notice The test world, built by the real deployment script, plus deal helpers.
abstract contract DealFixture is Test {
    uint16 internal constant FEE_BPS = 100;
    uint256 internal constant PRICE = 100e18;
    uint256 internal constant CLIENT_COLLATERAL = 10e18;
    uint256 internal constant NODE_COLLATERAL = 20e18;
    uint256 internal constant CHEATING_COLLATERAL = 200e18;
    uint256 internal constant MEDIATION_FEE = 5e18;
    uint64 internal constant MAX_FUEL = 1_000_000_000;
    uint32 internal constant RESULT_TIMEOUT = 1 hours;
    uint32 internal constant JUDGE_TIMEOUT = 2 hours;
    uint32 internal constant MEDIATION_TIMEOUT = 3 hours;
    uint64 internal constant AGREE_WINDOW = 10 minutes;
    uint256 internal constant KEEPER_BOUNTY = 1e18; // Deploy's default
    uint256 internal constant MIN_BOND = 100e18; // Deploy's default

    PactumToken internal token;
    CollateralVault internal vault;
    DealManager internal dm;
    MediationCourt internal court;

    address internal owner;
    address internal client;
    uint256 internal clientKey;
    address internal node;
    uint256 internal nodeKey;
    address internal stranger;
    address internal mediatorLow;
    address internal mediatorHigh;
    uint256 internal dealNonce;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        owner = makeAddr("owner");
        (client, clientKey) = makeAddrAndKey("client");
        (node, nodeKey) = makeAddrAndKey("node");
        stranger = makeAddr("stranger");
        address m1 = makeAddr("mediator1");
        address m2 = makeAddr("mediator2");
        (mediatorLow, mediatorHigh) = m1 < m2 ? (m1, m2) : (m2, m1);

        Deploy.Deployment memory d = new Deploy().deploy(owner, FEE_BPS);
        token = d.token;
        vault = d.vault;
        dm = d.dealManager;
        court = d.court;
    }

    // ------------------------------------------------------------------ deals

    /// @dev A realistic fixed-price deal: 36-byte CIDv1 job spec, two mediators.
    function _deal() internal returns (Deal memory d) {
        address[] memory mediators = new address[](2);
        mediators[0] = mediatorLow;
        mediators[1] = mediatorHigh;
        ++dealNonce;
        d = Deal({
            client: client,
            node: node,
            jobOfferId: keccak256(abi.encode("job-offer", dealNonce)),
            resourceOfferId: keccak256(abi.encode("resource-offer", dealNonce)),
            jobSpecCid: abi.encodePacked(hex"01551220", keccak256(abi.encode("spec", dealNonce))),
            maxFuel: MAX_FUEL,
            price: PRICE,
            pricePerFuel: 0,
            clientCollateral: CLIENT_COLLATERAL,
            nodeCollateral: NODE_COLLATERAL,
            cheatingCollateral: CHEATING_COLLATERAL,
            mediationFee: MEDIATION_FEE,
            mediators: mediators,
            agreeDeadline: uint64(block.timestamp) + AGREE_WINDOW,
            resultTimeout: RESULT_TIMEOUT,
            judgeTimeout: JUDGE_TIMEOUT,
            mediationTimeout: MEDIATION_TIMEOUT
        });
    }

    function _resultCid() internal pure returns (bytes memory) {
        return abi.encodePacked(hex"01551220", keccak256("result"));
    }

    function _sign(uint256 key, Deal memory d) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, dm.dealDigest(d));
        return abi.encodePacked(r, s, v);
    }

    // ------------------------------------------------------------------ money

    /// @dev Mints `amount` to `who` and deposits it into the vault as `who`.
    function _fund(address who, uint256 amount) internal {
        if (amount == 0) return; // a deal may ask no collateral of a party: nothing to deposit
        vm.prank(owner);
        token.mint(who, amount);
        vm.startPrank(who);
        token.approve(address(vault), amount);
        vault.deposit(address(token), who, amount);
        vm.stopPrank();
    }

    function _fundParties(Deal memory d) internal {
        _fund(d.client, d.price + d.clientCollateral + d.mediationFee);
        _fund(d.node, d.nodeCollateral > d.cheatingCollateral ? d.nodeCollateral : d.cheatingCollateral);
    }

    function _agreeBySig(Deal memory d) internal returns (bytes32 id) {
        id = dm.agreeBySig(d, _sign(clientKey, d), _sign(nodeKey, d));
    }

    function _post(Deal memory d, uint64 fuel) internal {
        vm.prank(d.node);
        dm.postResult(d, _resultCid(), fuel);
    }

    function _free(address who) internal view returns (uint256) {
        return vault.freeBalance(address(token), who);
    }

    function _escrow() internal view returns (uint256) {
        return vault.escrowOf(address(token), address(dm));
    }

    function _phase(bytes32 id) internal view returns (DealPhase) {
        return dm.dealRecord(id).phase;
    }

    function _bit(DealPhase p) internal pure returns (uint256) {
        return 1 << uint8(p);
    }

    // -------------------------------------------------------------- mediation

    /// @dev `n` mediators (ascending), each funded and registered with the minimum bond.
    function _registeredMediators(uint256 n) internal returns (address[] memory list) {
        list = new address[](n);
        for (uint256 i = 0; i < n; ++i) {
            list[i] = makeAddr(string.concat("panelist", vm.toString(i)));
        }
        for (uint256 i = 0; i < n; ++i) {
            for (uint256 j = i + 1; j < n; ++j) {
                if (list[j] < list[i]) (list[i], list[j]) = (list[j], list[i]);
            }
        }
        for (uint256 i = 0; i < n; ++i) {
            _fund(list[i], MIN_BOND);
            vm.prank(list[i]);
            court.register(MIN_BOND, 1);
        }
    }

    /// @dev A realistic deal whose agreed set is `n` registered mediators.
    /// @dev A second DealManager + court pair with k = 3 on the same vault (address predicted
    ///      as in Deploy), which replaces the fixture's `dm` and `court` for the test.
    function _court3() internal returns (MediationCourt court3) {
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        court3 = new MediationCourt(predicted, address(vault), address(token), 3, MIN_BOND, 7 days, KEEPER_BOUNTY);
        dm = new DealManager(address(vault), address(token), FEE_BPS, address(court3), KEEPER_BOUNTY);
        assertEq(address(dm), predicted);
        vm.startPrank(owner);
        vault.setLocker(address(dm), true);
        vault.setLocker(address(court3), true);
        vm.stopPrank();
        court = court3;
    }

    /// @dev The agreed mediators not in `panel`.
    function _others(Deal memory d, address[] memory panel) internal pure returns (address[] memory rest) {
        rest = new address[](d.mediators.length - panel.length);
        uint256 n;
        for (uint256 i = 0; i < d.mediators.length; ++i) {
            bool inPanel;
            for (uint256 j = 0; j < panel.length; ++j) {
                if (panel[j] == d.mediators[i]) inPanel = true;
            }
            if (!inPanel) rest[n++] = d.mediators[i];
        }
    }

    function _dealWithMediators(uint256 n) internal returns (Deal memory d) {
        d = _deal();
        d.mediators = _registeredMediators(n);
    }

    /// @dev Agreed, result posted, disputed by the client; then one block mined so the panel
    ///      can be drawn.
    function _disputedWith(Deal memory d) internal returns (bytes32 id) {
        _fundParties(d);
        id = _agreeBySig(d);
        _post(d, 123_456);
        vm.prank(d.client);
        dm.requestMediation(d);
        vm.roll(block.number + 2);
    }

    /// @dev C1 on the fixture's ledger: balance == Σ free (known accounts) + escrow + pools.
    function _assertConservation(address[] memory accounts) internal view {
        uint256 sum = _escrow() + vault.escrowOf(address(token), address(court)) + vault.treasury(address(token))
            + vault.insurance(address(token));
        for (uint256 i = 0; i < accounts.length; ++i) {
            sum += _free(accounts[i]);
        }
        assertEq(token.balanceOf(address(vault)), sum, "C1: vault balance != ledger");
    }
}
