// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title ICollateralVault
/// @notice Holds every token the protocol holds. Accounts have a free balance they
///         deposit into and withdraw from (pull payments only). Authorised protocol
///         contracts ("lockers", e.g. DealManager) move free balance into their own
///         escrow pool and back, pay the treasury, and slash.
/// @dev    Conservation invariant (C1, see test/invariant/PROPERTIES.md):
///         `token.balanceOf(vault) == Σ free + Σ escrow(locker) + insurance + treasury`
///         after every transaction, for every allowlisted token. Burned amounts leave
///         the vault to the burn sink and are counted in `burned`.
///         Per-lock accounting (which deal holds what) lives in the locker; the vault
///         only knows each locker's total (docs/adr/0003-escrow-per-locker.md).
interface ICollateralVault {
    // ------------------------------------------------------------------ errors

    /// @notice The token is not on the allowlist.
    error VaultTokenNotAllowed(address token);
    /// @notice The caller is not an authorised locker.
    error VaultUnauthorizedLocker(address caller);
    /// @notice A zero amount or zero address where one is not allowed.
    error VaultZeroAmount();
    error VaultZeroAddress();
    /// @notice The account's free balance is smaller than the amount asked for.
    error VaultInsufficientFree(address token, address account, uint256 available, uint256 required);
    /// @notice The locker's escrow is smaller than the amount asked for.
    error VaultInsufficientEscrow(address token, address locker, uint256 available, uint256 required);
    /// @notice The vault received a different amount than was transferred (fee-on-transfer,
    ///         rebasing or hook tokens are not supported).
    error VaultTransferMismatch(address token, uint256 expected, uint256 received);
    /// @notice The treasury or insurance pool is smaller than the amount asked for.
    error VaultInsufficientPool(address token, uint256 available, uint256 required);
    /// @notice Renouncing ownership is disabled: it would strand the treasury and insurance pools.
    error VaultRenounceDisabled();
    /// @notice More than `MAX_TOKENS` tokens or `MAX_LOCKERS` lockers would be registered.
    error VaultRegistryFull();

    // ------------------------------------------------------------------ events

    event TokenAllowed(address indexed token, bool allowed);
    event LockerSet(address indexed locker, bool authorised);
    event Deposited(address indexed token, address indexed account, address indexed from, uint256 amount);
    event Withdrawn(address indexed token, address indexed account, address indexed to, uint256 amount);
    event Locked(address indexed token, address indexed account, address indexed locker, uint256 amount);
    event Released(address indexed token, address indexed account, address indexed locker, uint256 amount);
    /// @notice `lockPair`: `amountA` of `a`'s and `amountB` of `b`'s free balance moved into
    ///         `locker`'s escrow (one event for both, to keep the deal hot path cheap).
    event LockedPair(
        address indexed token, address indexed a, address indexed b, address locker, uint256 amountA, uint256 amountB
    );
    /// @notice `releasePair`: `amountA` to `a`'s and `amountB` to `b`'s free balance and
    ///         `toTreasury` to the treasury, all out of `locker`'s escrow.
    event ReleasedPair(
        address indexed token,
        address indexed a,
        address indexed b,
        address locker,
        uint256 amountA,
        uint256 amountB,
        uint256 toTreasury
    );
    event TreasuryPaid(address indexed token, address indexed locker, uint256 amount);
    event InsurancePaid(address indexed token, address indexed locker, uint256 amount);
    /// @notice `amount` left `locker`'s escrow: `burned` to the burn sink, `toReporter`
    ///         credited to `reporter`'s free balance, `toInsurance` to the insurance pool.
    event Slashed(
        address indexed token,
        address indexed locker,
        address indexed reporter,
        uint256 amount,
        uint256 burned,
        uint256 toReporter,
        uint256 toInsurance
    );
    event TreasuryWithdrawn(address indexed token, address indexed to, uint256 amount);
    event InsuranceWithdrawn(address indexed token, address indexed to, uint256 amount);

    // --------------------------------------------------------- account actions

    /// @notice Pull `amount` of `token` from the caller and credit it to `account`'s free balance.
    /// @dev    Requires an allowance; the received amount is checked by balance delta.
    function deposit(address token, address account, uint256 amount) external;

    /// @notice As `deposit`, with an EIP-2612 permit signed by the caller.
    function depositWithPermit(
        address token,
        address account,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Send `amount` of the caller's free balance to `to` (pull payment).
    function withdraw(address token, address to, uint256 amount) external;

    // ---------------------------------------------------------- locker actions

    /// @notice Move `amount` from `account`'s free balance into the caller's escrow.
    function lock(address token, address account, uint256 amount) external;

    /// @notice `lock` for two accounts in one call (one escrow update, one `LockedPair` event).
    ///         A zero amount is skipped; both zero reverts.
    function lockPair(address token, address a, uint256 amountA, address b, uint256 amountB) external;

    /// @notice Move `amount` from the caller's escrow to `account`'s free balance.
    function release(address token, address account, uint256 amount) external;

    /// @notice Pay out of the caller's escrow in one call: `amountA` to `a`'s free balance,
    ///         `amountB` to `b`'s, `toTreasury` to the treasury (one escrow update, one
    ///         `ReleasedPair` event). Zero parts are skipped; all zero reverts.
    function releasePair(address token, address a, uint256 amountA, address b, uint256 amountB, uint256 toTreasury)
        external;

    /// @notice Move `amount` from the caller's escrow to the treasury.
    function payTreasury(address token, uint256 amount) external;

    /// @notice Move `amount` from the caller's escrow to the insurance fund.
    function payInsurance(address token, uint256 amount) external;

    /// @notice Slash `amount` out of the caller's escrow: 30 % to `reporter`'s free balance,
    ///         20 % to insurance, the remainder (50 % plus rounding dust) burned.
    /// @return burned the amount sent to the burn sink
    /// @return toReporter the amount credited to `reporter`
    /// @return toInsurance the amount added to insurance
    function slash(address token, uint256 amount, address reporter)
        external
        returns (uint256 burned, uint256 toReporter, uint256 toInsurance);

    // ------------------------------------------------------------------- admin

    function setTokenAllowed(address token, bool allowed) external;
    function setLocker(address locker, bool authorised) external;
    function withdrawTreasury(address token, address to, uint256 amount) external;
    function withdrawInsurance(address token, address to, uint256 amount) external;

    // ------------------------------------------------------------------- views

    function isTokenAllowed(address token) external view returns (bool);
    function isLocker(address locker) external view returns (bool);
    function freeBalance(address token, address account) external view returns (uint256);
    function escrowOf(address token, address locker) external view returns (uint256);
    function treasury(address token) external view returns (uint256);
    function insurance(address token) external view returns (uint256);
    function burned(address token) external view returns (uint256);
    /// @notice Where burned tokens go (tokens without a burn function are sent here).
    function BURN_SINK() external view returns (address);
}
