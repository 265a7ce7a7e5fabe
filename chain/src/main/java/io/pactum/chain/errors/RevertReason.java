package io.pactum.chain.errors;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.utils.Numeric;

/**
 * A decoded revert: the catalogue entry (empty for an unknown selector or empty revert data), the
 * decoded arguments (Java values: String addresses and hex bytes32, BigInteger numbers, String
 * text) and the raw data.
 */
public record RevertReason(Optional<ProtocolError> error, List<Object> args, String rawData) {

  /** Decodes revert data ({@code 0x}-hex: selector + ABI-encoded arguments). Never throws. */
  public static RevertReason decode(String revertDataHex) {
    if (revertDataHex == null || revertDataHex.isBlank() || "0x".equals(revertDataHex)) {
      return new RevertReason(Optional.empty(), List.of(), "0x");
    }
    byte[] data = Numeric.hexStringToByteArray(revertDataHex);
    return decode(data);
  }

  public static RevertReason decode(byte[] data) {
    String raw = Numeric.toHexString(data == null ? new byte[0] : data);
    Optional<ProtocolError> error = ProtocolError.bySelector(data);
    if (error.isEmpty()) {
      return new RevertReason(Optional.empty(), List.of(), raw);
    }
    try {
      List<TypeReference<Type>> refs = new ArrayList<>();
      for (String t : error.get().types()) {
        refs.add(TypeReference.makeTypeReference(t));
      }
      String body = Numeric.toHexString(Arrays.copyOfRange(data, 4, data.length));
      List<Type> decoded = refs.isEmpty() ? List.of() : FunctionReturnDecoder.decode(body, refs);
      if (decoded.size() != refs.size()) {
        return new RevertReason(error, List.of(), raw);
      }
      List<Object> args = new ArrayList<>();
      for (Type t : decoded) {
        Object v = t.getValue();
        args.add(v instanceof byte[] b ? Numeric.toHexString(b) : v);
      }
      return new RevertReason(error, List.copyOf(args), raw);
    } catch (Exception e) {
      return new RevertReason(error, List.of(), raw);
    }
  }

  public boolean is(ProtocolError e) {
    return error.isPresent() && error.get() == e;
  }

  /** The argument by its Solidity parameter name. */
  public Object arg(String name) {
    int i = error.map(e -> e.argNames().indexOf(name)).orElse(-1);
    if (i < 0 || i >= args.size()) {
      throw new IllegalArgumentException("no argument " + name + " in " + this);
    }
    return args.get(i);
  }

  /** E.g. {@code DealDeadlinePassed(dealId=0xab.., deadline=1700000000)}. */
  public String message() {
    if (error.isEmpty()) {
      return "0x".equals(rawData) ? "reverted without data" : "unknown revert " + abbreviate(rawData);
    }
    ProtocolError e = error.get();
    if (args.size() != e.types().size()) {
      return e.errorName() + " (undecodable arguments " + abbreviate(rawData) + ")";
    }
    StringJoiner j = new StringJoiner(", ", e.errorName() + "(", ")");
    for (int i = 0; i < args.size(); i++) {
      Object v = args.get(i);
      if (e == ProtocolError.PANIC && v instanceof BigInteger code) {
        v = "0x" + code.toString(16);
      }
      j.add(e.argNames().get(i) + "=" + v);
    }
    return j.toString();
  }

  private static String abbreviate(String hex) {
    return hex.length() > 74 ? hex.substring(0, 74) + "…" : hex;
  }

  @Override
  public String toString() {
    return message();
  }
}
