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
  // ICidRegistry
  CID_BAD_LENGTH("CidBadLength(uint256,uint256)", "length", "max"),
  CID_HASH_MISMATCH("CidHashMismatch(bytes32,bytes32)", "digest", "contentHash"),
  CID_ALREADY_ANCHORED("CidAlreadyAnchored(bytes32,address)", "cidKey", "owner"),
  CID_BAD_BATCH("CidBadBatch(uint256,uint256)", "size", "max"),
  // CidLib (bubbles up through CidRegistry)
  CID_MALFORMED("CidMalformed(uint256)", "offset"),
  CID_UNSUPPORTED_VERSION("CidUnsupportedVersion(uint256)", "version"),
  CID_UNSUPPORTED_DIGEST("CidUnsupportedDigest(uint256,uint256)", "hashFunction", "digestLength"),
  // IDIDRegistry
  DID_ALREADY_EXISTS("DidAlreadyExists(address)", "did"),
  DID_NOT_FOUND("DidNotFound(address)", "did"),
  DID_NOT_CONTROLLER("DidNotController(address,address)", "did", "caller"),
  DID_ZERO_ADDRESS("DidZeroAddress()"),
  DID_BAD_PURPOSES("DidBadPurposes(uint8)", "purposes"),
  DID_TOO_MANY_METHODS("DidTooManyMethods(address,uint256)", "did", "max"),
  DID_METHOD_NOT_FOUND("DidMethodNotFound(address,address)", "did", "account"),
  DID_SERVICE_TOO_LONG("DidServiceTooLong(uint256,uint256)", "length", "max"),
  DID_INVALID_SIGNATURE("DidInvalidSignature(address)", "issuer"),
  DID_DELEGATION_EXISTS("DidDelegationExists(bytes32)", "id"),
  DID_DELEGATION_NOT_FOUND("DidDelegationNotFound(bytes32)", "id"),
  DID_PARENT_INVALID("DidParentInvalid(bytes32)", "parent"),
  DID_ISSUER_NOT_PARENT_DELEGATE("DidIssuerNotParentDelegate(bytes32,address)", "parent", "issuer"),
  DID_DELEGATION_TOO_DEEP("DidDelegationTooDeep(uint256,uint256)", "depth", "max"),
  DID_CAPABILITY_ESCALATION("DidCapabilityEscalation(uint16,uint16)", "requested", "held"),
  DID_BAD_EXPIRY("DidBadExpiry(uint64,uint64)", "expiry", "maxExpiry"),
  DID_NOT_REVOKER("DidNotRevoker(bytes32,address)", "id", "caller"),
  DID_ALREADY_REVOKED("DidAlreadyRevoked(bytes32)", "id"),
  // ISoulRegistry
  SOUL_NOT_FOUND("SoulNotFound(uint256)", "soulId"),
  SOUL_NOT_OWNER("SoulNotOwner(uint256,address)", "soulId", "caller"),
  SOUL_OWNER_HAS_SOUL("SoulOwnerHasSoul(address,uint256)", "owner", "soulId"),
  SOUL_ZERO_ADDRESS("SoulZeroAddress()"),
  SOUL_BAD_CID_LENGTH("SoulBadCidLength(uint256,uint256)", "length", "max"),
  SOUL_BAD_GUARDIAN_COUNT("SoulBadGuardianCount(uint256)", "count"),
  SOUL_BAD_GUARDIAN("SoulBadGuardian(address)", "guardian"),
  SOUL_NOT_GUARDIAN("SoulNotGuardian(uint256,address)", "soulId", "caller"),
  SOUL_STALE_NONCE("SoulStaleNonce(uint256,uint32,uint32)", "soulId", "given", "current"),
  SOUL_ALREADY_APPROVED("SoulAlreadyApproved(uint256,address,address)", "soulId", "guardian", "newOwner"),
  SOUL_RECOVERY_ALREADY_SCHEDULED("SoulRecoveryAlreadyScheduled(uint256,address)", "soulId", "newOwner"),
  SOUL_NO_RECOVERY("SoulNoRecovery(uint256)", "soulId"),
  SOUL_RECOVERY_NOT_READY("SoulRecoveryNotReady(uint256,uint40)", "soulId", "readyAt"),
  SOUL_NO_GUARDIAN_CHANGE("SoulNoGuardianChange(uint256)", "soulId"),
  SOUL_GUARDIAN_CHANGE_NOT_READY("SoulGuardianChangeNotReady(uint256,uint40)", "soulId", "readyAt"),
  // INodeRegistry
  REGISTRY_INVALID_PUBKEY("RegistryInvalidPubkey()"),
  REGISTRY_INVALID_SIGNATURE("RegistryInvalidSignature(bytes32)", "nodeId"),
  REGISTRY_SIGNATURE_EXPIRED("RegistrySignatureExpired(uint64)", "deadline"),
  REGISTRY_INVALID_CAPABILITIES("RegistryInvalidCapabilities(uint8)", "capabilities"),
  REGISTRY_BOND_TOO_LOW("RegistryBondTooLow(uint256,uint256)", "bond", "minBond"),
  REGISTRY_ALREADY_REGISTERED("RegistryAlreadyRegistered(bytes32)", "nodeId"),
  REGISTRY_NODE_LIMIT("RegistryNodeLimit(address,uint256)", "operator", "limit"),
  REGISTRY_NOT_OPERATOR("RegistryNotOperator(bytes32,address)", "nodeId", "caller"),
  REGISTRY_UNEXPECTED_STATUS("RegistryUnexpectedStatus(bytes32,uint8)", "nodeId", "status"),
  REGISTRY_UNBONDING_NOT_OVER("RegistryUnbondingNotOver(bytes32,uint256)", "nodeId", "endsAt"),
  REGISTRY_NOT_SLASHER("RegistryNotSlasher(address)", "caller"),
  REGISTRY_SLASHER_ALREADY_SET("RegistrySlasherAlreadySet()"),
  REGISTRY_INVALID_CONFIG("RegistryInvalidConfig(bytes32)", "reason"),
  // IPoSeManagerV2
  PO_SE_INVALID_CONFIG("PoSeInvalidConfig(bytes32)", "reason"),
  PO_SE_EPOCH_NOT_STARTED("PoSeEpochNotStarted(uint64)", "epochId"),
  PO_SE_EPOCH_ALREADY_OPEN("PoSeEpochAlreadyOpen(uint64)", "epochId"),
  PO_SE_NO_ACTIVE_NODES("PoSeNoActiveNodes(uint64)", "epochId"),
  PO_SE_EPOCH_NOT_OPEN("PoSeEpochNotOpen(uint64)", "epochId"),
  PO_SE_EPOCH_NOT_OVER("PoSeEpochNotOver(uint64)", "epochId"),
  PO_SE_WINDOW_CLOSED("PoSeWindowClosed(uint64,uint256)", "epochId", "closedAt"),
  PO_SE_NOT_AGGREGATOR("PoSeNotAggregator(bytes32,address)", "nodeId", "caller"),
  PO_SE_ALREADY_COMMITTED("PoSeAlreadyCommitted(uint64)", "epochId"),
  PO_SE_NOT_COMMITTED("PoSeNotCommitted(uint64)", "epochId"),
  PO_SE_EMPTY_BATCH("PoSeEmptyBatch()"),
  PO_SE_SAMPLES_NOT_DRAWN("PoSeSamplesNotDrawn(uint64)", "epochId"),
  PO_SE_SAMPLES_ALREADY_DRAWN("PoSeSamplesAlreadyDrawn(uint64)", "epochId"),
  PO_SE_SAMPLE_BLOCK_NOT_REACHED("PoSeSampleBlockNotReached(uint64,uint256)", "epochId", "sampleBlock"),
  PO_SE_SAMPLE_OUT_OF_RANGE("PoSeSampleOutOfRange(uint64,uint256)", "epochId", "sample"),
  PO_SE_SAMPLE_ALREADY_REVEALED("PoSeSampleAlreadyRevealed(uint64,uint256)", "epochId", "sample"),
  PO_SE_INVALID_PROOF("PoSeInvalidProof(uint64,uint256)", "epochId", "index"),
  PO_SE_IDS_DO_NOT_BIND("PoSeIdsDoNotBind(bytes32)", "challengeId"),
  PO_SE_INVALID_CHALLENGER("PoSeInvalidChallenger(address)", "challenger"),
  PO_SE_INVALID_SIGNATURE("PoSeInvalidSignature(bytes32,address)", "challengeId", "expectedSigner"),
  PO_SE_NODE_NOT_ELIGIBLE("PoSeNodeNotEligible(bytes32,uint8)", "nodeId", "challengeType"),
  PO_SE_TIMEOUT_AS_PASS("PoSeTimeoutAsPass(bytes32)", "challengeId"),
  PO_SE_NONCE_REUSED("PoSeNonceReused(address,uint64)", "challenger", "nonce"),
  PO_SE_NOT_WITNESS("PoSeNotWitness(uint64,bytes32)", "epochId", "nodeId"),
  PO_SE_WITNESS_ORDER("PoSeWitnessOrder(uint64)", "epochId"),
  PO_SE_QUORUM_NOT_MET("PoSeQuorumNotMet(uint64,uint256,uint256)", "epochId", "got", "needed"),
  PO_SE_TOO_MANY_ATTESTATIONS("PoSeTooManyAttestations(uint256,uint256)", "count", "max"),
  // IFaultManager
  FAULT_INVALID_CONFIG("FaultInvalidConfig(bytes32)", "reason"),
  FAULT_ALREADY_COMMITTED("FaultAlreadyCommitted(bytes32)", "faultId"),
  FAULT_UNKNOWN("FaultUnknown(bytes32)", "faultId"),
  FAULT_UNEXPECTED_STATUS("FaultUnexpectedStatus(bytes32,uint8)", "faultId", "status"),
  FAULT_COMMITMENT_MISMATCH("FaultCommitmentMismatch(bytes32)", "faultId"),
  FAULT_REVEAL_TOO_EARLY("FaultRevealTooEarly(bytes32,uint256)", "faultId", "commitBlock"),
  FAULT_OUTSIDE_WINDOW("FaultOutsideWindow(bytes32,uint64)", "faultId", "epochId"),
  FAULT_REBUTTAL_CLOSED("FaultRebuttalClosed(bytes32,uint256)", "faultId", "closedAt"),
  FAULT_REBUTTAL_OPEN("FaultRebuttalOpen(bytes32,uint256)", "faultId", "closesAt"),
  FAULT_NOT_ACCUSED("FaultNotAccused(bytes32,address)", "faultId", "caller"),
  FAULT_NOT_REBUTTABLE("FaultNotRebuttable(bytes32,uint8)", "faultId", "faultType"),
  FAULT_REBUTTAL_INVALID("FaultRebuttalInvalid(bytes32)", "faultId"),
  FAULT_TOO_MANY_ATTESTATIONS("FaultTooManyAttestations(bytes32,uint256,uint256)", "faultId", "count", "max"),
  FAULT_NOT_EXPIRED("FaultNotExpired(bytes32,uint256)", "faultId", "expiresAt"),
  // IRewardDistributor
  REWARD_INVALID_CONFIG("RewardInvalidConfig(bytes32)", "reason"),
  REWARD_NOT_ORACLE("RewardNotOracle(address)", "caller"),
  REWARD_EPOCH_NOT_VERIFIED("RewardEpochNotVerified(uint64)", "epochId"),
  REWARD_ROOT_EXISTS("RewardRootExists(uint64)", "epochId"),
  REWARD_NO_ROOT("RewardNoRoot(uint64)", "epochId"),
  REWARD_DISPUTE_CLOSED("RewardDisputeClosed(uint64,uint256)", "epochId", "closedAt"),
  REWARD_DISPUTE_OPEN("RewardDisputeOpen(uint64,uint256)", "epochId", "closesAt"),
  REWARD_DISPUTE_UNPROVEN("RewardDisputeUnproven(uint64)", "epochId"),
  REWARD_INVALID_PROOF("RewardInvalidProof(uint64,bytes32)", "epochId", "nodeId"),
  REWARD_ALREADY_CLAIMED("RewardAlreadyClaimed(uint64,bytes32)", "epochId", "nodeId"),
  REWARD_CLAIM_CLOSED("RewardClaimClosed(uint64,uint256)", "epochId", "closedAt"),
  REWARD_CLAIM_OPEN("RewardClaimOpen(uint64,uint256)", "epochId", "closesAt"),
  REWARD_OVER_BUDGET("RewardOverBudget(uint64,uint256,uint256)", "epochId", "budget", "wanted"),
  REWARD_UNKNOWN_NODE("RewardUnknownNode(bytes32)", "nodeId"),
  REWARD_TOO_MANY_LEAVES("RewardTooManyLeaves(uint256,uint256)", "count", "max"),
  REWARD_PROOF_TOO_LONG("RewardProofTooLong(uint256,uint256)", "length", "max"),
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
