// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ICollateralVault} from "./interfaces/ICollateralVault.sol";
import {IDealManager} from "./interfaces/IDealManager.sol";
import {IMediationCourt} from "./interfaces/IMediationCourt.sol";
import {DealLib} from "./libraries/DealLib.sol";
import {Deal, DealPhase, DealRecord, Verdict} from "./types/DealTypes.sol";

/// @title MediationCourt
/// @notice Mediator registry and mediation of disputed deals. See {IMediationCourt},
///         docs/contracts/deals.md (Mediation) and docs/adr/0005-mediation-court.md.
/// @dev    Randomness. Round 0 is seeded by the hash of the block after the one that recorded the
///         request (`DealRecord.disputeBlock + 1`), an appeal round by the block after the appeal:
///         neither is known when the request or appeal is sent. Remaining bias: the proposer of
///         the seed block can withhold it (losing its reward) to re-roll once per slot it holds,
///         and knows the outcome before publishing; a party colluding with proposers can buy that
///         many re-rolls. If nobody draws within 256 blocks, `draw` re-arms the seed to the block
///         after that call (one more re-roll, only after 256 blocks of nobody drawing, which every
///         panel candidate is paid to avoid). Sampling is a partial Fisher-Yates over at most 7
///         eligible mediators with keccak256(seed, dealId, round, i) mod (n - i): bias < 2^-250.
///         A mediator that unregisters before the draw removes itself (never adds itself).
///         Immutable: no owner, no proxy, no parameter can change after deployment.
contract MediationCourt is IMediationCourt {
    using DealLib for Deal;

    /// @notice Capability bit of a mediator that re-runs WASM jobs in the deterministic engine.
    uint32 public constant CAPABILITY_WASM = 1;

    /// @inheritdoc IMediationCourt
    address public immutable dealManager;
    /// @inheritdoc IMediationCourt
    address public immutable vault;
    /// @inheritdoc IMediationCourt
    address public immutable token;
    /// @inheritdoc IMediationCourt
    uint8 public immutable panelSize;
    /// @inheritdoc IMediationCourt
    uint256 public immutable minBond;
    /// @inheritdoc IMediationCourt
    uint64 public immutable unbondingPeriod;
    /// @inheritdoc IMediationCourt
    uint256 public immutable keeperBounty;

    mapping(address account => Mediator info) private _mediators;
    mapping(bytes32 dealId => Case state) private _cases;

    /// @param panelSize_ k, odd, 1..3 (an appeal panel of 2k+1 must fit in 7 agreed mediators)
    constructor(
        address dealManager_,
        address vault_,
        address token_,
        uint8 panelSize_,
        uint256 minBond_,
        uint64 unbondingPeriod_,
        uint256 keeperBounty_
    ) {
        if (dealManager_ == address(0)) revert CourtInvalidConfig("DEAL_MANAGER_ZERO");
        if (vault_ == address(0)) revert CourtInvalidConfig("VAULT_ZERO");
        if (token_ == address(0)) revert CourtInvalidConfig("TOKEN_ZERO");
        if (panelSize_ == 0 || panelSize_ % 2 == 0 || panelSize_ > 3) revert CourtInvalidConfig("PANEL_SIZE");
        if (minBond_ == 0) revert CourtInvalidConfig("MIN_BOND_ZERO");
        dealManager = dealManager_;
        vault = vault_;
        token = token_;
        panelSize = panelSize_;
        minBond = minBond_;
        unbondingPeriod = unbondingPeriod_;
        keeperBounty = keeperBounty_;
    }

    // --------------------------------------------------------------- registry

    /// @inheritdoc IMediationCourt
    function register(uint256 amount, uint32 capabilities) external {
        if (capabilities & CAPABILITY_WASM == 0) revert CourtMissingCapability(capabilities);
        Mediator memory info = _mediators[msg.sender];
        uint256 bond = uint256(info.bond) + amount;
        if (bond < minBond) revert CourtBondBelowMinimum(bond, minBond);
        // forge-lint: disable-next-line(unsafe-typecast)
        _mediators[msg.sender] = Mediator({bond: uint128(bond), exitAt: 0, capabilities: capabilities});
        if (amount != 0) ICollateralVault(vault).lock(token, msg.sender, amount);
        emit MediatorRegistered(msg.sender, bond, capabilities);
    }

    /// @inheritdoc IMediationCourt
    function unregister() external {
        Mediator storage info = _mediators[msg.sender];
        if (info.bond == 0 || info.exitAt != 0) revert CourtNotRegistered(msg.sender);
        uint64 exitAt = uint64(block.timestamp) + unbondingPeriod;
        info.exitAt = exitAt;
        emit MediatorExiting(msg.sender, exitAt);
    }

    /// @inheritdoc IMediationCourt
    function withdrawBond() external {
        Mediator memory info = _mediators[msg.sender];
        if (info.exitAt == 0) revert CourtNotRegistered(msg.sender);
        if (block.timestamp < info.exitAt) revert CourtStillBonded(msg.sender, info.exitAt);
        delete _mediators[msg.sender];
        if (info.bond != 0) ICollateralVault(vault).release(token, msg.sender, info.bond);
        emit MediatorWithdrawn(msg.sender, info.bond);
    }

    // -------------------------------------------------------------- mediation

    /// @inheritdoc IMediationCourt
    function draw(Deal calldata deal) external {
        (bytes32 dealId, DealRecord memory record) = _disputed(deal);
        Case memory c = _cases[dealId];
        if (c.round == 0 && c.verdict0 != Verdict.None) revert CourtVerdictPending(dealId);
        if (c.panel != 0) revert CourtAlreadyDrawn(dealId, c.round);
        if (_draw(dealId, deal, c, record.disputeBlock) == DrawResult.TooEarly) {
            revert CourtDrawTooEarly(dealId, _seedBlock(c, record.disputeBlock));
        }
        _cases[dealId] = c;
    }

    /// @inheritdoc IMediationCourt
    function vote(Deal calldata deal, bool correct) external {
        (bytes32 dealId, DealRecord memory record) = _disputed(deal);
        Case memory c = _cases[dealId];
        if (c.round == 0 && c.verdict0 != Verdict.None) revert CourtVerdictPending(dealId);
        uint256 deadline = _roundDeadline(c, record, deal);
        if (block.timestamp > deadline) revert CourtDeadlinePassed(dealId, deadline);
        if (c.panel == 0) {
            DrawResult drawn = _draw(dealId, deal, c, record.disputeBlock);
            if (drawn == DrawResult.TooEarly) revert CourtDrawTooEarly(dealId, _seedBlock(c, record.disputeBlock));
            if (drawn == DrawResult.Deferred) revert CourtDrawDeferred(dealId, c.seedBlock);
        }
        uint8 bit = _bitOf(deal.mediators, msg.sender);
        if (c.panel & bit == 0) revert CourtNotOnPanel(dealId, msg.sender);
        if ((c.votedCorrect | c.votedIncorrect) & bit != 0) revert CourtAlreadyVoted(dealId, msg.sender);
        if (correct) c.votedCorrect |= bit;
        else c.votedIncorrect |= bit;
        emit Voted(dealId, c.round, msg.sender, correct);

        uint256 size = _popcount(c.panel);
        uint8 side = correct ? c.votedCorrect : c.votedIncorrect;
        if (_popcount(side) <= size / 2) {
            _cases[dealId] = c; // no majority yet
            return;
        }
        Verdict verdict = correct ? Verdict.Correct : Verdict.Incorrect;
        if (c.round == 0) {
            if (deal.mediators.length > size) {
                // A larger appeal panel is possible: the verdict waits for the appeal window.
                c.verdict0 = verdict;
                c.winners0 = side;
                // forge-lint: disable-next-line(unsafe-typecast)
                c.size0 = uint8(size); // <= 7
                c.verdictAt = uint40(block.timestamp);
                _cases[dealId] = c;
                emit VerdictReached(dealId, 0, verdict, block.timestamp + deal.judgeTimeout);
            } else {
                // Final at once: the deal leaves MediationRequested, so the case needs no storage.
                emit VerdictReached(dealId, 0, verdict, 0);
                IDealManager(dealManager).settleMediation(deal, verdict, _addresses(deal.mediators, side, 0));
            }
        } else {
            emit VerdictReached(dealId, 1, verdict, 0);
            // Paid: the appeal panel's majority and the first panel's voters who agreed with it.
            uint8 agreeing0 = c.verdict0 == verdict ? c.winners0 : 0;
            address[] memory winners = _addresses(deal.mediators, side, agreeing0);
            _payAppealFee(dealId, deal.mediationFee, winners);
            IDealManager(dealManager).settleMediation(deal, verdict, winners);
        }
    }

    /// @inheritdoc IMediationCourt
    function appeal(Deal calldata deal) external {
        (bytes32 dealId,) = _disputed(deal);
        Case memory c = _cases[dealId];
        if (c.round != 0 || c.verdict0 == Verdict.None) revert CourtNoPendingVerdict(dealId);
        uint256 deadline = uint256(c.verdictAt) + deal.judgeTimeout;
        if (block.timestamp > deadline) revert CourtDeadlinePassed(dealId, deadline);
        bool byNode = c.verdict0 == Verdict.Incorrect;
        if (msg.sender != (byNode ? deal.node : deal.client)) revert CourtUnauthorized(dealId, msg.sender);

        c.round = 1;
        c.panel = 0;
        c.votedCorrect = 0;
        c.votedIncorrect = 0;
        c.appellantIsNode = byNode;
        c.appealedAt = uint40(block.timestamp);
        c.seedBlock = uint64(block.number + 1);
        _cases[dealId] = c;
        uint256 fee = deal.mediationFee;
        if (fee != 0) ICollateralVault(vault).lock(token, msg.sender, fee);
        emit Appealed(dealId, msg.sender, fee, c.seedBlock);
    }

    /// @inheritdoc IMediationCourt
    function executeVerdict(Deal calldata deal) external {
        (bytes32 dealId,) = _disputed(deal);
        Case memory c = _cases[dealId];
        if (c.round != 0 || c.verdict0 == Verdict.None) revert CourtNoPendingVerdict(dealId);
        uint256 deadline = uint256(c.verdictAt) + deal.judgeTimeout;
        if (block.timestamp <= deadline) revert CourtDeadlineNotReached(dealId, deadline);
        IDealManager(dealManager).settleMediation(deal, c.verdict0, _addresses(deal.mediators, c.winners0, 0));
    }

    /// @inheritdoc IMediationCourt
    function timeoutMediation(Deal calldata deal) external {
        (bytes32 dealId, DealRecord memory record) = _disputed(deal);
        Case memory c = _cases[dealId];
        if (c.round == 0 && c.verdict0 != Verdict.None) revert CourtVerdictPending(dealId);
        uint256 deadline = _roundDeadline(c, record, deal);
        if (block.timestamp <= deadline) revert CourtDeadlineNotReached(dealId, deadline);
        // Who was at fault: the panel members who did not vote (drawn now if nobody did).
        if (c.panel == 0) _draw(dealId, deal, c, record.disputeBlock);
        _cases[dealId] = c;
        _slashNonVoters(dealId, deal.mediators, c.panel & ~(c.votedCorrect | c.votedIncorrect));

        if (c.round == 0) {
            IDealManager(dealManager).settleMediation(deal, Verdict.None, new address[](0));
        } else {
            // The appeal went unanswered: the first verdict stands, the appellant gets its fee back.
            uint256 fee = deal.mediationFee;
            if (fee != 0) {
                address appellant = c.appellantIsNode ? deal.node : deal.client;
                ICollateralVault(vault).release(token, appellant, fee);
                emit AppealFeePaid(dealId, appellant, fee);
            }
            IDealManager(dealManager).settleMediation(deal, c.verdict0, _addresses(deal.mediators, c.winners0, 0));
        }
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IMediationCourt
    function currentDeadline(Deal calldata deal) external view returns (uint256 deadline, bool passed) {
        bytes32 dealId = deal.hash();
        DealRecord memory record = IDealManager(dealManager).dealRecord(dealId);
        if (record.phase != DealPhase.MediationRequested) return (0, false);
        Case memory c = _cases[dealId];
        deadline = (c.round == 0 && c.verdict0 != Verdict.None)
            ? uint256(c.verdictAt) + deal.judgeTimeout
            : _roundDeadline(c, record, deal);
        passed = block.timestamp > deadline;
    }

    /// @inheritdoc IMediationCourt
    function panelOf(Deal calldata deal) external view returns (address[] memory panel, uint8 round, bool drawn) {
        bytes32 dealId = deal.hash();
        DealRecord memory record = IDealManager(dealManager).dealRecord(dealId);
        Case memory c = _cases[dealId];
        round = c.round;
        if (record.phase != DealPhase.MediationRequested) return (new address[](0), round, false);
        if (c.panel != 0) return (_addresses(deal.mediators, c.panel, 0), round, true);
        uint64 seedBlock = _seedBlock(c, record.disputeBlock);
        bytes32 seed = block.number > seedBlock ? blockhash(seedBlock) : bytes32(0);
        if (seed == bytes32(0)) return (new address[](0), round, false);
        return (_addresses(deal.mediators, _sample(dealId, deal.mediators, c, seed), 0), round, false);
    }

    /// @inheritdoc IMediationCourt
    function caseOf(bytes32 dealId) external view returns (Case memory) {
        return _cases[dealId];
    }

    /// @inheritdoc IMediationCourt
    function mediator(address account) external view returns (Mediator memory) {
        return _mediators[account];
    }

    /// @inheritdoc IMediationCourt
    function isEligible(address account) public view returns (bool) {
        Mediator memory info = _mediators[account];
        return info.exitAt == 0 && info.bond >= minBond && info.capabilities & CAPABILITY_WASM != 0;
    }

    // ---------------------------------------------------------------- internal

    enum DrawResult {
        Drawn,
        TooEarly,
        Deferred
    }

    /// @dev The id and record of a deal that is in MediationRequested, else reverts.
    function _disputed(Deal calldata deal) private view returns (bytes32 dealId, DealRecord memory record) {
        dealId = deal.hash();
        record = IDealManager(dealManager).dealRecord(dealId);
        if (record.phase != DealPhase.MediationRequested) revert CourtNotDisputed(dealId);
    }

    function _seedBlock(Case memory c, uint64 disputeBlock) private pure returns (uint64) {
        return c.seedBlock != 0 ? c.seedBlock : disputeBlock + 1;
    }

    /// @dev The voting deadline of the current round.
    function _roundDeadline(Case memory c, DealRecord memory record, Deal calldata deal)
        private
        pure
        returns (uint256)
    {
        return (c.round == 0 ? uint256(record.disputedAt) : uint256(c.appealedAt)) + deal.mediationTimeout;
    }

    /// @dev Draws this round's panel into `c` (the caller stores it). Too early: `c` unchanged.
    ///      Seed older than 256 blocks: re-armed to the next block (`Deferred`).
    function _draw(bytes32 dealId, Deal calldata deal, Case memory c, uint64 disputeBlock)
        private
        returns (DrawResult)
    {
        uint64 seedBlock = _seedBlock(c, disputeBlock);
        if (block.number <= seedBlock) return DrawResult.TooEarly;
        bytes32 seed = blockhash(seedBlock);
        if (seed == bytes32(0)) {
            c.seedBlock = uint64(block.number);
            emit PanelDrawDeferred(dealId, c.round, block.number);
            return DrawResult.Deferred;
        }
        c.seedBlock = seedBlock;
        c.panel = _sample(dealId, deal.mediators, c, seed);
        emit PanelDrawn(dealId, c.round, seedBlock, _addresses(deal.mediators, c.panel, 0));
        return DrawResult.Drawn;
    }

    /// @dev The panel bitmap for `seed`: the largest odd size up to the round's target (k, or
    ///      2k+1 on appeal) among the eligible agreed mediators, by partial Fisher-Yates.
    function _sample(bytes32 dealId, address[] calldata mediators, Case memory c, bytes32 seed)
        private
        view
        returns (uint8 panel)
    {
        uint256 count = mediators.length;
        uint256[] memory eligible = new uint256[](count);
        uint256 n;
        for (uint256 i = 0; i < count; ++i) {
            if (isEligible(mediators[i])) eligible[n++] = i;
        }
        uint256 size = c.round == 0 ? panelSize : 2 * uint256(c.size0) + 1;
        if (size > n) size = n;
        if (size % 2 == 0 && size != 0) --size;
        for (uint256 i = 0; i < size; ++i) {
            uint256 j = i + uint256(keccak256(abi.encode(seed, dealId, c.round, i))) % (n - i);
            (eligible[i], eligible[j]) = (eligible[j], eligible[i]);
            // forge-lint: disable-next-line(incorrect-shift)
            panel |= uint8(1 << eligible[i]); // index < 7: the bit of that mediator
        }
    }

    /// @dev Pays the appeal fee (held in this contract's escrow) in equal shares to `winners`.
    function _payAppealFee(bytes32 dealId, uint256 fee, address[] memory winners) private {
        if (fee == 0) return;
        uint256 count = winners.length;
        uint256 share = fee / count;
        for (uint256 i = 0; i < count; ++i) {
            uint256 amount = i == 0 ? fee - share * (count - 1) : share;
            if (amount != 0) ICollateralVault(vault).release(token, winners[i], amount);
            emit AppealFeePaid(dealId, winners[i], amount);
        }
    }

    /// @dev The keeper bounty, split over the non-voting panel members' bonds (each pays at most
    ///      its share and at most its bond), paid to the caller.
    function _slashNonVoters(bytes32 dealId, address[] calldata mediators, uint8 faulty) private {
        uint256 count = _popcount(faulty);
        if (count == 0) return;
        uint256 share = keeperBounty / count;
        uint256 total;
        for (uint256 i = 0; i < mediators.length; ++i) {
            // forge-lint: disable-next-line(incorrect-shift)
            if (faulty & (1 << i) == 0) continue;
            Mediator storage info = _mediators[mediators[i]];
            uint256 amount = share < info.bond ? share : info.bond;
            if (amount == 0) continue;
            // forge-lint: disable-next-line(unsafe-typecast)
            info.bond -= uint128(amount); // amount <= bond
            total += amount;
            emit MediatorSlashed(dealId, mediators[i], amount);
        }
        if (total == 0) return;
        ICollateralVault(vault).release(token, msg.sender, total);
        emit KeeperPaid(dealId, msg.sender, total);
    }

    /// @dev The bit of `account` in `mediators` (0 if absent).
    function _bitOf(address[] calldata mediators, address account) private pure returns (uint8) {
        for (uint256 i = 0; i < mediators.length; ++i) {
            // forge-lint: disable-next-line(incorrect-shift)
            if (mediators[i] == account) return uint8(1 << i);
        }
        return 0;
    }

    /// @dev The mediators of bitmap `a`, then those of bitmap `b` (an address may appear twice:
    ///      once per vote it cast for the verdict).
    function _addresses(address[] calldata mediators, uint8 a, uint8 b) private pure returns (address[] memory list) {
        list = new address[](_popcount(a) + _popcount(b));
        uint256 n;
        for (uint256 i = 0; i < mediators.length; ++i) {
            // forge-lint: disable-next-line(incorrect-shift)
            if (a & (1 << i) != 0) list[n++] = mediators[i];
        }
        for (uint256 i = 0; i < mediators.length; ++i) {
            // forge-lint: disable-next-line(incorrect-shift)
            if (b & (1 << i) != 0) list[n++] = mediators[i];
        }
    }

    function _popcount(uint8 bits) private pure returns (uint256 count) {
        while (bits != 0) {
            bits &= bits - 1;
            ++count;
        }
    }
}
