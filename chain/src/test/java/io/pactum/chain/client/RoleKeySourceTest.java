package io.pactum.chain.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoleKeySourceTest {
  private static final RoleKeySource SOURCE =
      new RoleKeySource("mediator", "pactum.mediator.keystore", "pactum.mediator.key", "PW_ENV");
  private static final String KEY = "0x" + "11".repeat(32);

  @Test
  void shouldLoadAPlainDevelopmentKeyAndSayItIsNotFromAKeystore() {
    RoleKeySource.Loaded loaded = SOURCE.load(Optional.empty(), Optional.of(KEY), Map.<String, String>of()::get);
    assertThat(loaded.fromKeystore()).isFalse();
    assertThat(loaded.key().privateKeyHex()).isEqualToIgnoringCase(KEY);
  }

  @Test
  void shouldNameTheSettingsAndNeverTheSecretsWhenItCannotLoad() {
    assertThatThrownBy(() -> SOURCE.load(Optional.of("/nowhere.json"), Optional.empty(), Map.<String, String>of()::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pactum.mediator.keystore").hasMessageContaining("PW_ENV");
    assertThatThrownBy(() -> SOURCE.load(Optional.empty(), Optional.empty(), Map.<String, String>of()::get))
        .hasMessageContaining("no mediator key").hasMessageContaining("pactum.mediator.key");
    assertThatThrownBy(() -> SOURCE.load(Optional.empty(), Optional.of("0xnot-a-key-secret"), Map.<String, String>of()::get))
        .hasMessageContaining("pactum.mediator.key is not a valid private key")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-a-key-secret"));
    assertThatThrownBy(() -> SOURCE.load(Optional.of("/nowhere.json"), Optional.empty(), Map.of("PW_ENV", "hunter2")::get))
        .hasMessageContaining("cannot open the mediator keystore")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }
}
