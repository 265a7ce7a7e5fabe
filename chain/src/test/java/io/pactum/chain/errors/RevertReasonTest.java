package io.pactum.chain.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.utils.Numeric;

class RevertReasonTest {
  private static String encode(ProtocolError e, List<Type> args) {
    return e.selector() + FunctionEncoder.encodeConstructor(args);
  }

  @Test
  void shouldDecodeCustomErrorWithArguments() {
    byte[] id = new byte[32];
    id[31] = 7;
    String data = encode(ProtocolError.DEAL_FUEL_ABOVE_LIMIT, List.of(new Bytes32(id), new Uint64(BigInteger.valueOf(11)), new Uint64(BigInteger.TEN)));
    RevertReason r = RevertReason.decode(data);
    assertThat(r.is(ProtocolError.DEAL_FUEL_ABOVE_LIMIT)).isTrue();
    assertThat(r.arg("fuelUsed")).isEqualTo(BigInteger.valueOf(11));
    assertThat(r.arg("dealId")).isEqualTo(Numeric.toHexString(id));
    assertThat(r.message()).isEqualTo("DealFuelAboveLimit(dealId=" + Numeric.toHexString(id) + ", fuelUsed=11, maxFuel=10)");
  }

  @Test
  void shouldDecodeEnumAndAddressArguments() {
    String data = encode(ProtocolError.DEAL_UNEXPECTED_PHASE, List.of(new Bytes32(new byte[32]), new Uint8(3), new Uint256(16)));
    assertThat(RevertReason.decode(data).arg("current")).isEqualTo(BigInteger.valueOf(3));
    String addr = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    String d2 = encode(ProtocolError.ERC20_INSUFFICIENT_ALLOWANCE, List.of(new Address(addr), new Uint256(1), new Uint256(2)));
    assertThat(RevertReason.decode(d2).message()).isEqualTo("ERC20InsufficientAllowance(spender=" + addr + ", allowance=1, needed=2)");
  }

  @Test
  void shouldDecodeErrorStringAndPanic() {
    assertThat(RevertReason.decode(encode(ProtocolError.ERROR_STRING, List.of(new Utf8String("nope")))).message()).isEqualTo("Error(message=nope)");
    assertThat(RevertReason.decode(encode(ProtocolError.PANIC, List.of(new Uint256(0x11)))).message()).isEqualTo("Panic(code=0x11)");
  }

  @Test
  void shouldNeverThrowOnUnknownOrBrokenData() {
    assertThat(RevertReason.decode("0x").message()).isEqualTo("reverted without data");
    assertThat(RevertReason.decode((String) null).error()).isEmpty();
    assertThat(RevertReason.decode("0xdeadbeef").message()).startsWith("unknown revert 0xdeadbeef");
    assertThat(RevertReason.decode(ProtocolError.VAULT_INSUFFICIENT_FREE.selector() + "00").message()).contains("undecodable");
    assertThat(RevertReason.decode(ProtocolError.VAULT_ZERO_AMOUNT.selector()).message()).isEqualTo("VaultZeroAmount()");
  }
}
