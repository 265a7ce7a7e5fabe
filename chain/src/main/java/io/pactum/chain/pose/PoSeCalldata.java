package io.pactum.chain.pose;

import io.pactum.chain.client.EthCalls;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Keccak;
import io.pactum.protocol.pose.ChallengeMessageV2;
import io.pactum.protocol.pose.ReceiptLeaf;
import io.pactum.protocol.pose.ReceiptMessageV2;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.utils.Numeric;

/**
 * Calldata and views of the PoSe v2 contracts ({@code NodeRegistry}, {@code PoSeManagerV2}, {@code
 * RewardDistributor}), which have no generated wrappers (web3j codegen cannot handle their nested
 * structs). Calldata is the 4-byte selector of the explicit Solidity signature followed by the
 * arguments encoded by web3j's ABI encoder; structs are {@link StaticStruct} / {@link
 * DynamicStruct} of their members in declaration order.
 */
public final class PoSeCalldata {
  private PoSeCalldata() {}

  static final String CHALLENGE = "(bytes32,uint64,bytes32,uint8,uint64,address,uint64,uint64,bytes32)";
  static final String RECEIPT = "(bytes32,uint64,bytes32,bytes32,uint64)";
  static final String LEAF = "(" + CHALLENGE + "," + RECEIPT + ",uint8,bytes,bytes)";

  public static final String REGISTER = "register(bytes,uint8,bytes32,uint256,uint64,bytes)";
  public static final String SET_AGGREGATOR = "setAggregator(bytes32,bool)";
  public static final String SET_CHALLENGER = "setChallenger(address,bool)";
  public static final String OPEN_EPOCH = "openEpoch(uint64)";
  public static final String COMMIT_EPOCH = "commitEpoch(uint64,bytes32,bytes32,bytes32,uint32)";
  public static final String DRAW_SAMPLES = "drawSamples(uint64)";
  public static final String REVEAL_SAMPLE = "revealSample(uint64,uint256," + LEAF + ",(bytes32,bytes)[],bytes32[])";
  public static final String POST_REWARD_ROOT = "postRewardRoot(uint64,bytes32,uint256)";
  public static final String REWARD_CLAIM = "rewardClaim(uint64,bytes32,uint256,bytes32[])";

  /** A witness's attestation as {@code revealSample} takes it. */
  public record Attestation(Bytes32 witnessNodeId, Bytes signature) {}

  /** {@code selector(signature) ‖ abi.encode(args)}. */
  @SuppressWarnings("rawtypes")
  public static byte[] call(String signature, Type... args) {
    byte[] selector = Arrays.copyOf(Keccak.keccak256(signature.getBytes(StandardCharsets.UTF_8)), 4);
    byte[] body = Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(List.of(args)));
    byte[] out = new byte[4 + body.length];
    System.arraycopy(selector, 0, out, 0, 4);
    System.arraycopy(body, 0, out, 4, body.length);
    return out;
  }

  public static byte[] register(Bytes pubkey, int capabilities, Bytes32 endpointCommitment, BigInteger bond,
      long deadline, Bytes sig) {
    return call(REGISTER, new DynamicBytes(pubkey.toArray()), new Uint8(capabilities), b32(endpointCommitment),
        new Uint256(bond), new Uint64(deadline), new DynamicBytes(sig.toArray()));
  }

  public static byte[] setAggregator(Bytes32 nodeId, boolean allowed) {
    return call(SET_AGGREGATOR, b32(nodeId), new Bool(allowed));
  }

  public static byte[] setChallenger(Address challenger, boolean allowed) {
    return call(SET_CHALLENGER, address(challenger), new Bool(allowed));
  }

  public static byte[] openEpoch(long epochId) {
    return call(OPEN_EPOCH, new Uint64(epochId));
  }

  public static byte[] commitEpoch(long epochId, Bytes32 aggregatorNodeId, Bytes32 root, Bytes32 summaryHash,
      long count) {
    return call(COMMIT_EPOCH, new Uint64(epochId), b32(aggregatorNodeId), b32(root), b32(summaryHash),
        new Uint32(count));
  }

  public static byte[] drawSamples(long epochId) {
    return call(DRAW_SAMPLES, new Uint64(epochId));
  }

  public static byte[] revealSample(long epochId, int sample, ReceiptLeaf leaf, List<Attestation> attestations,
      List<Bytes32> proof) {
    List<DynamicStruct> atts = new ArrayList<>();
    for (Attestation a : attestations) {
      atts.add(new DynamicStruct(b32(a.witnessNodeId()), new DynamicBytes(a.signature().toArray())));
    }
    return call(REVEAL_SAMPLE, new Uint64(epochId), new Uint256(sample), leaf(leaf),
        new DynamicArray<>(DynamicStruct.class, atts), bytes32Array(proof));
  }

  public static byte[] postRewardRoot(long epochId, Bytes32 root, BigInteger budget) {
    return call(POST_REWARD_ROOT, new Uint64(epochId), b32(root), new Uint256(budget));
  }

  public static byte[] rewardClaim(long epochId, Bytes32 nodeId, BigInteger amount, List<Bytes32> proof) {
    return call(REWARD_CLAIM, new Uint64(epochId), b32(nodeId), new Uint256(amount), bytes32Array(proof));
  }

  /** {@code ReceiptLeaf} as a web3j struct. */
  public static DynamicStruct leaf(ReceiptLeaf leaf) {
    return new DynamicStruct(challenge(leaf.challenge()), receipt(leaf.receipt()), new Uint8(leaf.resultCode()),
        new DynamicBytes(leaf.challengerSig().toArray()), new DynamicBytes(leaf.nodeSig().toArray()));
  }

  public static StaticStruct challenge(ChallengeMessageV2 c) {
    return new StaticStruct(b32(c.challengeId()), new Uint64(c.epochId()), b32(c.nodeId()),
        new Uint8(c.challengeType()), new Uint64(c.nonce()), address(c.challenger()), new Uint64(c.issuedAt()),
        new Uint64(c.deadline()), b32(c.querySpecHash()));
  }

  public static StaticStruct receipt(ReceiptMessageV2 r) {
    return new StaticStruct(b32(r.challengeId()), new Uint64(r.epochId()), b32(r.nodeId()), b32(r.responseHash()),
        new Uint64(r.respondedAt()));
  }

  // ------------------------------------------------------------------ views

  public static BigInteger callUint(ChainConnection chain, Address to, String signature, Type<?>... args)
      throws IOException {
    return EthCalls.callUint(chain, to.toLowerHex(), call(signature, args));
  }

  public static Bytes32 callBytes32(ChainConnection chain, Address to, String signature, Type<?>... args)
      throws IOException {
    var out = EthCalls.call(chain, to.toLowerHex(), call(signature, args),
        List.of(new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {}));
    return Bytes32.of((byte[]) out.get(0).getValue());
  }

  public static boolean callBool(ChainConnection chain, Address to, String signature, Type<?>... args)
      throws IOException {
    var out = EthCalls.call(chain, to.toLowerHex(), call(signature, args), List.of(new TypeReference<Bool>() {}));
    return (Boolean) out.get(0).getValue();
  }

  public static Address callAddress(ChainConnection chain, Address to, String signature, Type<?>... args)
      throws IOException {
    var out = EthCalls.call(chain, to.toLowerHex(), call(signature, args),
        List.of(new TypeReference<org.web3j.abi.datatypes.Address>() {}));
    return Address.parse(out.get(0).getValue().toString());
  }

  public static org.web3j.abi.datatypes.generated.Bytes32 b32(Bytes32 v) {
    return new org.web3j.abi.datatypes.generated.Bytes32(v.toArray());
  }

  public static org.web3j.abi.datatypes.Address address(Address a) {
    return new org.web3j.abi.datatypes.Address(a.toLowerHex());
  }

  static DynamicArray<org.web3j.abi.datatypes.generated.Bytes32> bytes32Array(List<Bytes32> values) {
    return new DynamicArray<>(org.web3j.abi.datatypes.generated.Bytes32.class,
        values.stream().map(PoSeCalldata::b32).toList());
  }
}
