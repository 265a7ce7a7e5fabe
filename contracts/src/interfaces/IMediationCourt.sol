// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Deal, Verdict} from "../types/DealTypes.sol";

/// @title IMediationCourt
/// @notice Mediator registry (bonds held in the CollateralVault as this contract's escrow) and the
///         mediation of disputed deals (../shared/spec/protocol.md §3 steps 4-6): a panel of k
///         mediators drawn from the deal's agreed set with a block hash fixed only after the
///         request, votes within the mediation deadline, majority verdict, one appeal with a panel
///         of 2k+1 for a second fee, and the mediation timeout with a keeper bounty paid from the
///         bonds of the panel members who did not vote. See docs/contracts/deals.md (Mediation)
///         and docs/adr/0005-mediation-court.md.
/// @dev    Every call that takes a `Deal` recomputes its id and reads the deal's phase from the
///         DealManager: the court holds no terms, only one `Case` slot per disputed deal (and
///         none at all when a one-round verdict settles in the deciding vote).
interface IMediationCourt {
    /// @notice The state of one dispute (one storage slot). Panels and votes are bitmaps over the
    ///         indices of the deal's `mediators` (bit i = mediators[i]).
    struct Case {
        uint64 seedBlock; // block whose hash seeds the draw of this round (0 in round 0: disputeBlock + 1)
        uint8 round; // 0: first panel; 1: appeal panel
        uint8 panel; // this round's panel (0: not drawn yet)
        uint8 votedCorrect; // panel members who voted "correct" this round
        uint8 votedIncorrect; // panel members who voted "incorrect" this round
        Verdict verdict0; // the first panel's verdict (None while it has not decided)
        uint8 winners0; // first-panel members who voted for verdict0
        uint8 size0; // size of the first panel
        bool appellantIsNode; // who appealed (its fee is held in this contract's escrow)
        uint40 verdictAt; // when the first panel decided (starts the appeal window)
        uint40 appealedAt; // when the appeal was filed (starts the appeal round's deadline)
    }

    /// @notice A registered mediator (one storage slot).
    struct Mediator {
        uint128 bond; // held in the vault as this contract's escrow
        uint64 exitAt; // 0 while active; else when the bond may be withdrawn (never drawn after unregister)
        uint32 capabilities; // bit 0: CAPABILITY_WASM (re-runs WASM jobs deterministically)
    }

    error CourtInvalidConfig(bytes32 reason);
    error CourtUnauthorized(bytes32 dealId, address caller);
    error CourtNotDisputed(bytes32 dealId);
    error CourtDeadlinePassed(bytes32 dealId, uint256 deadline);
    error CourtDeadlineNotReached(bytes32 dealId, uint256 deadline);
    /// @notice The block whose hash seeds the draw is not mined yet (draw from `seedBlock + 1`).
    error CourtDrawTooEarly(bytes32 dealId, uint256 seedBlock);
    /// @notice The seed block is older than 256 blocks: call `draw` to re-arm it, then retry.
    error CourtDrawDeferred(bytes32 dealId, uint256 seedBlock);
    error CourtAlreadyDrawn(bytes32 dealId, uint8 round);
    error CourtNotOnPanel(bytes32 dealId, address caller);
    error CourtAlreadyVoted(bytes32 dealId, address mediator);
    /// @notice The first panel has decided: appeal, or execute the verdict after the window.
    error CourtVerdictPending(bytes32 dealId);
    error CourtNoPendingVerdict(bytes32 dealId);
    error CourtNotRegistered(address mediator);
    error CourtBondBelowMinimum(uint256 bond, uint256 minimum);
    error CourtMissingCapability(uint32 capabilities);
    error CourtStillBonded(address mediator, uint256 exitAt);

    event MediatorRegistered(address indexed mediator, uint256 bond, uint32 capabilities);
    event MediatorExiting(address indexed mediator, uint256 exitAt);
    event MediatorWithdrawn(address indexed mediator, uint256 bond);
    /// @notice A panel was drawn for `round` (empty: no agreed mediator is eligible; the dispute
    ///         can only time out).
    event PanelDrawn(bytes32 indexed dealId, uint8 round, uint256 seedBlock, address[] panel);
    /// @notice Nobody drew within 256 blocks of the seed block: the draw now uses `seedBlock`.
    event PanelDrawDeferred(bytes32 indexed dealId, uint8 round, uint256 seedBlock);
    event Voted(bytes32 indexed dealId, uint8 round, address indexed mediator, bool correct);
    /// @notice A panel's majority decided. `appealDeadline` is 0 when the verdict is final at once.
    event VerdictReached(bytes32 indexed dealId, uint8 round, Verdict verdict, uint256 appealDeadline);
    event Appealed(bytes32 indexed dealId, address indexed appellant, uint256 fee, uint256 seedBlock);
    /// @notice `mediator` did not vote in time and paid `amount` of its bond to the keeper.
    event MediatorSlashed(bytes32 indexed dealId, address indexed mediator, uint256 amount);
    event KeeperPaid(bytes32 indexed dealId, address indexed keeper, uint256 bounty);
    /// @notice The appeal fee was paid out (`to` winners) or refunded (appeal round timed out).
    event AppealFeePaid(bytes32 indexed dealId, address indexed to, uint256 amount);

    // --------------------------------------------------------------- registry

    /// @notice Register (or top up) as a mediator: locks `amount` from the caller's free vault
    ///         balance as its bond, sets its capabilities, and cancels a pending exit.
    function register(uint256 amount, uint32 capabilities) external;
    /// @notice Stop being drawn; the bond can be withdrawn after the unbonding period.
    function unregister() external;
    /// @notice After the unbonding period: release the whole bond to the caller's free balance.
    function withdrawBond() external;

    // -------------------------------------------------------------- mediation

    /// @notice Anyone: draw this round's panel once its seed block is mined (re-arms the seed if
    ///         it is older than 256 blocks). `vote` draws too when nobody has.
    function draw(Deal calldata deal) external;
    /// @notice A panel member, within the round's deadline: vote on the posted result. The vote
    ///         that makes a majority decides; a final verdict settles the deal in the same call.
    function vote(Deal calldata deal, bool correct) external;
    /// @notice The party the first panel decided against, within the appeal window (the deal's
    ///         judgeTimeout after the verdict): appeal for a second mediation fee; a panel of
    ///         2k+1 is drawn and its majority is final.
    function appeal(Deal calldata deal) external;
    /// @notice Anyone, after the appeal window with no appeal: settle the first panel's verdict.
    function executeVerdict(Deal calldata deal) external;
    /// @notice Anyone, after the round's deadline with no verdict: first round, both parties
    ///         refunded, mediators unpaid; appeal round, the first verdict stands and the appeal
    ///         fee is refunded. The caller is paid the keeper bounty from the bonds of the panel
    ///         members who did not vote.
    function timeoutMediation(Deal calldata deal) external;

    // ------------------------------------------------------------------ views

    /// @notice The deadline running for a disputed deal (mediation round or appeal window).
    function currentDeadline(Deal calldata deal) external view returns (uint256 deadline, bool passed);
    /// @notice This round's panel: stored once drawn, else the draw it would make now
    ///         (`drawn` false; empty while the seed block is not mined or too old).
    function panelOf(Deal calldata deal) external view returns (address[] memory panel, uint8 round, bool drawn);
    function caseOf(bytes32 dealId) external view returns (Case memory);
    function mediator(address account) external view returns (Mediator memory);
    /// @notice Registered, bonded at least `minBond`, not exiting, with CAPABILITY_WASM.
    function isEligible(address account) external view returns (bool);

    function dealManager() external view returns (address);
    function vault() external view returns (address);
    function token() external view returns (address);
    /// @notice k: the first panel's size (odd); capped by the eligible agreed mediators.
    function panelSize() external view returns (uint8);
    function minBond() external view returns (uint256);
    function unbondingPeriod() external view returns (uint64);
    function keeperBounty() external view returns (uint256);
}
