package io.pactum.chain.errors;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Catalogue of the custom errors the Pactum contracts can revert with: those declared in {@code
 * contracts/src/interfaces/*.sol} and the OpenZeppelin errors the contracts can bubble up, plus the
 * built-in {@code Error(string)} and {@code Panic(uint256)}. Each entry knows its canonical
 * signature (enums as {@code uint8}), its 4-byte selector and its argument names.
 * {@code ProtocolErrorCatalogueTest} checks every {@code error} in the interfaces has an entry.
 */
public enum ProtocolError {
  // ICollateralVault
  VAULT_TOKEN_NOT_ALLOWED("VaultTokenNotAllowed(address)", "token"),
  VAULT_UNAUTHORIZED_LOCKER("VaultUnauthorizedLocker(address)", "caller"),
  VAULT_ZERO_AMOUNT("VaultZeroAmount()"),
  VAULT_ZERO_ADDRESS("VaultZeroAddress()"),
  VAULT_INSUFFICIENT_FREE("VaultInsufficientFree(address,address,uint256,uint256)", "token", "account", "available", "required"),
  VAULT_INSUFFICIENT_ESCROW("VaultInsufficientEscrow(address,address,uint256,uint256)", "token", "locker", "available", "required"),
  VAULT_TRANSFER_MISMATCH("VaultTransferMismatch(address,uint256,uint256)", "token", "expected", "received"),
  VAULT_INSUFFICIENT_POOL("VaultInsufficientPool(address,uint256,uint256)", "token", "available", "required"),
  VAULT_RENOUNCE_DISABLED("VaultRenounceDisabled()"),
  VAULT_REGISTRY_FULL("VaultRegistryFull()"),
  // IDealManager
  DEAL_UNEXPECTED_PHASE("DealUnexpectedPhase(bytes32,uint8,uint256)", "dealId", "current", "expected"),
  DEAL_UNAUTHORIZED("DealUnauthorized(bytes32,address)", "dealId", "caller"),
  DEAL_INVALID_SIGNATURE("DealInvalidSignature(bytes32,address)", "dealId", "signer"),
  DEAL_INVALID_TERMS("DealInvalidTerms(bytes32)", "reason"),
  DEAL_DEADLINE_PASSED("DealDeadlinePassed(bytes32,uint256)", "dealId", "deadline"),
  DEAL_DEADLINE_NOT_REACHED("DealDeadlineNotReached(bytes32,uint256)", "dealId", "deadline"),
  DEAL_FUEL_ABOVE_LIMIT("DealFuelAboveLimit(bytes32,uint64,uint64)", "dealId", "fuelUsed", "maxFuel"),
  DEAL_INVALID_CID("DealInvalidCid(bytes32)", "dealId"),
  DEAL_NO_MEDIATORS("DealNoMediators(bytes32)", "dealId"),
  DEAL_INVALID_CONFIG("DealInvalidConfig(bytes32)", "reason"),
  // IMediationCourt
  COURT_INVALID_CONFIG("CourtInvalidConfig(bytes32)", "reason"),
  COURT_UNAUTHORIZED("CourtUnauthorized(bytes32,address)", "dealId", "caller"),
  COURT_NOT_DISPUTED("CourtNotDisputed(bytes32)", "dealId"),
  COURT_DEADLINE_PASSED("CourtDeadlinePassed(bytes32,uint256)", "dealId", "deadline"),
  COURT_DEADLINE_NOT_REACHED("CourtDeadlineNotReached(bytes32,uint256)", "dealId", "deadline"),
  COURT_DRAW_TOO_EARLY("CourtDrawTooEarly(bytes32,uint256)", "dealId", "seedBlock"),
  COURT_DRAW_DEFERRED("CourtDrawDeferred(bytes32,uint256)", "dealId", "seedBlock"),
  COURT_ALREADY_DRAWN("CourtAlreadyDrawn(bytes32,uint8)", "dealId", "round"),
  COURT_NOT_ON_PANEL("CourtNotOnPanel(bytes32,address)", "dealId", "caller"),
  COURT_ALREADY_VOTED("CourtAlreadyVoted(bytes32,address)", "dealId", "mediator"),
  COURT_VERDICT_PENDING("CourtVerdictPending(bytes32)", "dealId"),
  COURT_NO_PENDING_VERDICT("CourtNoPendingVerdict(bytes32)", "dealId"),
  COURT_NOT_REGISTERED("CourtNotRegistered(address)", "mediator"),
  COURT_BOND_BELOW_MINIMUM("CourtBondBelowMinimum(uint256,uint256)", "bond", "minimum"),
  COURT_MISSING_CAPABILITY("CourtMissingCapability(uint32)", "capabilities"),
  COURT_STILL_BONDED("CourtStillBonded(address,uint256)", "mediator", "exitAt"),
  // OpenZeppelin 5.x errors the contracts can surface
  ECDSA_INVALID_SIGNATURE("ECDSAInvalidSignature()"),
  ECDSA_INVALID_SIGNATURE_LENGTH("ECDSAInvalidSignatureLength(uint256)", "length"),
  ECDSA_INVALID_SIGNATURE_S("ECDSAInvalidSignatureS(bytes32)", "s"),
  ERC20_INSUFFICIENT_BALANCE("ERC20InsufficientBalance(address,uint256,uint256)", "sender", "balance", "needed"),
  ERC20_INSUFFICIENT_ALLOWANCE("ERC20InsufficientAllowance(address,uint256,uint256)", "spender", "allowance", "needed"),
  ERC20_INVALID_SENDER("ERC20InvalidSender(address)", "sender"),
  ERC20_INVALID_RECEIVER("ERC20InvalidReceiver(address)", "receiver"),
  ERC20_INVALID_APPROVER("ERC20InvalidApprover(address)", "approver"),
  ERC20_INVALID_SPENDER("ERC20InvalidSpender(address)", "spender"),
  ERC2612_EXPIRED_SIGNATURE("ERC2612ExpiredSignature(uint256)", "deadline"),
  ERC2612_INVALID_SIGNER("ERC2612InvalidSigner(address,address)", "signer", "owner"),
  INVALID_ACCOUNT_NONCE("InvalidAccountNonce(address,uint256)", "account", "currentNonce"),
  SAFE_ERC20_FAILED_OPERATION("SafeERC20FailedOperation(address)", "token"),
  REENTRANCY_GUARD_REENTRANT_CALL("ReentrancyGuardReentrantCall()"),
  OWNABLE_UNAUTHORIZED_ACCOUNT("OwnableUnauthorizedAccount(address)", "account"),
  OWNABLE_INVALID_OWNER("OwnableInvalidOwner(address)", "owner"),
  ACCESS_CONTROL_UNAUTHORIZED_ACCOUNT("AccessControlUnauthorizedAccount(address,bytes32)", "account", "neededRole"),
  ACCESS_CONTROL_BAD_CONFIRMATION("AccessControlBadConfirmation()"),
  ENFORCED_PAUSE("EnforcedPause()"),
  EXPECTED_PAUSE("ExpectedPause()"),
  // Solidity built-ins
  ERROR_STRING("Error(string)", "message"),
  PANIC("Panic(uint256)", "code");

  private final String signature;
  private final String name;
  private final List<String> types;
  private final List<String> argNames;
  private final String selector;

  ProtocolError(String signature, String... argNames) {
    this.signature = signature;
    this.name = signature.substring(0, signature.indexOf('('));
    String inner = signature.substring(signature.indexOf('(') + 1, signature.length() - 1);
    this.types = inner.isEmpty() ? List.of() : List.of(inner.split(","));
    if (types.size() != argNames.length) {
      throw new IllegalArgumentException(signature + ": " + argNames.length + " names for " + types.size() + " args");
    }
    this.argNames = List.of(argNames);
    this.selector = Hash.sha3String(signature).substring(0, 10);
  }

  /** Canonical signature, e.g. {@code DealInvalidCid(bytes32)}. */
  public String signature() {
    return signature;
  }

  /** Solidity name, e.g. {@code DealInvalidCid}. */
  public String errorName() {
    return name;
  }

  /** ABI types of the arguments, in order. */
  public List<String> types() {
    return types;
  }

  public List<String> argNames() {
    return argNames;
  }

  /** {@code 0x}-prefixed 4-byte selector, lower case. */
  public String selector() {
    return selector;
  }

  private static final Map<String, ProtocolError> BY_SELECTOR = new HashMap<>();
  private static final Map<String, ProtocolError> BY_SIGNATURE = new HashMap<>();

  static {
    for (ProtocolError e : values()) {
      if (BY_SELECTOR.put(e.selector, e) != null) {
        throw new ExceptionInInitializerError("selector clash " + e.selector);
      }
      BY_SIGNATURE.put(e.signature, e);
    }
  }

  public static Optional<ProtocolError> bySelector(String selectorHex) {
    return Optional.ofNullable(BY_SELECTOR.get(Numeric.prependHexPrefix(selectorHex).toLowerCase()));
  }

  public static Optional<ProtocolError> bySelector(byte[] revertData) {
    if (revertData == null || revertData.length < 4) {
      return Optional.empty();
    }
    return bySelector(Numeric.toHexString(Arrays.copyOf(revertData, 4)));
  }

  public static Optional<ProtocolError> bySignature(String signature) {
    return Optional.ofNullable(BY_SIGNATURE.get(signature));
  }
}
