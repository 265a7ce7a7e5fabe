package io.pactum.chain.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.chain.token.TokenGateway;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Keccak;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/** Vault and token calldata: the Solidity selectors of ICollateralVault / ERC-20, then the ABI words. */
class GatewayCalldataTest {
  static final Address A = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  static final Address B = Address.parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");

  static String selector(String signature) {
    return Numeric.toHexString(Arrays.copyOf(Keccak.keccak256(signature.getBytes(StandardCharsets.US_ASCII)), 4));
  }

  static String word(Address a) {
    return "0".repeat(24) + Numeric.cleanHexPrefix(a.toLowerHex());
  }

  static String word(long v) {
    return Numeric.toHexStringNoPrefixZeroPadded(BigInteger.valueOf(v), 64);
  }

  @Test
  void shouldEncodeVaultCalls() {
    assertThat(Numeric.toHexString(VaultGateway.deposit(A, B, BigInteger.TEN)))
        .isEqualTo(selector("deposit(address,address,uint256)") + word(A) + word(B) + word(10));
    assertThat(Numeric.toHexString(VaultGateway.withdraw(A, B, BigInteger.ONE)))
        .isEqualTo(selector("withdraw(address,address,uint256)") + word(A) + word(B) + word(1));
    assertThat(Numeric.toHexString(VaultGateway.setLocker(B, true)))
        .isEqualTo(selector("setLocker(address,bool)") + word(B) + word(1));
    assertThat(Numeric.toHexString(VaultGateway.setTokenAllowed(A, false)))
        .isEqualTo(selector("setTokenAllowed(address,bool)") + word(A) + word(0));
    assertThat(Numeric.toHexString(VaultGateway.withdrawTreasury(A, B, BigInteger.TWO)))
        .isEqualTo(selector("withdrawTreasury(address,address,uint256)") + word(A) + word(B) + word(2));
  }

  @Test
  void shouldEncodeTokenCalls() {
    assertThat(Numeric.toHexString(TokenGateway.approve(A, BigInteger.TEN)))
        .isEqualTo(selector("approve(address,uint256)") + word(A) + word(10))
        .startsWith("0x095ea7b3");
    assertThat(Numeric.toHexString(TokenGateway.transfer(B, BigInteger.ONE)))
        .isEqualTo("0xa9059cbb" + word(B) + word(1));
    assertThat(Numeric.toHexString(TokenGateway.mint(B, BigInteger.ONE)))
        .isEqualTo(selector("mint(address,uint256)") + word(B) + word(1));
  }
}
