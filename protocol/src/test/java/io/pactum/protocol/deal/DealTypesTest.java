package io.pactum.protocol.deal;

import static io.pactum.protocol.deal.DealFixtures.CLIENT_KEY;
import static io.pactum.protocol.deal.DealFixtures.DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Signatures;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DealTypesTest {

    /** Builds the EIP-712 type string of {@code struct name} from the Solidity source. */
    static String typeFromSolidity(String source, String name) {
        Matcher m = Pattern.compile("struct\\s+" + name + "\\s*\\{(.*?)\\}", Pattern.DOTALL).matcher(source);
        assertThat(m.find()).as("struct %s in DealTypes.sol", name).isTrue();
        List<String> members = new ArrayList<>();
        for (String line : m.group(1).split("\n")) {
            String code = line.replaceAll("//.*", "").trim();
            if (code.isEmpty()) continue;
            members.add(code.replace(";", "").trim().replaceAll("\\s+", " "));
        }
        return name + "(" + String.join(",", members) + ")";
    }

    static String dealTypesSol() throws IOException {
        String root = System.getProperty("pactum.root", "..");
        return Files.readString(Path.of(root, "contracts/src/types/DealTypes.sol"));
    }

    @Test
    void shouldHaveTypeStringsIdenticalToTheSolidityStructs() throws IOException {
        String sol = dealTypesSol();
        assertThat(JobOffer.TYPE).isEqualTo(typeFromSolidity(sol, "JobOffer"));
        assertThat(ResourceOffer.TYPE).isEqualTo(typeFromSolidity(sol, "ResourceOffer"));
        assertThat(Deal.TYPE).isEqualTo(typeFromSolidity(sol, "Deal"));
    }

    @Test
    void shouldHaveRecordComponentsInSolidityOrder() throws IOException {
        String sol = dealTypesSol();
        assertThat(componentNames(JobOffer.class)).isEqualTo(memberNames(typeFromSolidity(sol, "JobOffer")));
        assertThat(componentNames(ResourceOffer.class)).isEqualTo(memberNames(typeFromSolidity(sol, "ResourceOffer")));
        assertThat(componentNames(Deal.class)).isEqualTo(memberNames(typeFromSolidity(sol, "Deal")));
    }

    static List<String> componentNames(Class<? extends Record> type) {
        return java.util.Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
    }

    static List<String> memberNames(String type) {
        String inner = type.substring(type.indexOf('(') + 1, type.length() - 1);
        return java.util.Arrays.stream(inner.split(",")).map(p -> p.split(" ")[1]).toList();
    }

    /**
     * Expected signatures from {@code cast wallet sign --data --from-file --private-key <anvil 0>
     * src/test/resources/eip712/<Type>.json} (foundry 1.7.1): equal signatures (RFC 6979) mean equal
     * EIP-712 digests.
     */
    @Test
    void shouldSignOffersAndDealsExactlyLikeCast() {
        assertThat(DealFixtures.jobOffer().sign(CLIENT_KEY, DOMAIN).toHex()).isEqualTo(
                "0xdbcf56ccefc88bfb74f52f43d6dc85e6e702eb71da48dc66b9d06c1dad0b31b83452d29f01515ea1e5abd8d1f1461a9ef00dd070b4ab5449bd46b6732d9e05b21c");
        assertThat(DealFixtures.resourceOffer().sign(CLIENT_KEY, DOMAIN).toHex()).isEqualTo(
                "0x00573a9db1a518061c790afbdff83d4924f7c15a29d98ef7947c8162ed5febb9577ce8e85698796844e0d66be3775bfa1afbafdba1766e15654d9b24e9ff17d51b");
        assertThat(DealFixtures.deal().sign(CLIENT_KEY, DOMAIN).toHex()).isEqualTo(
                "0xda54774997b051cedd13e154fb6b0cbdbfe2c97c32ac5600f8cedf2736b6da8358e24f64a5a598b21e1b9adbdd77b6b60b787b8239c3231c25a553511b31441b1c");
    }

    @Test
    void shouldUseStructHashesAsIds() {
        JobOffer offer = DealFixtures.jobOffer();
        assertThat(offer.id()).isEqualTo(offer.structHash());
        assertThat(DealFixtures.resourceOffer().id()).isEqualTo(DealFixtures.resourceOffer().structHash());
        assertThat(DealFixtures.deal().id()).isNotEqualTo(offer.id());
        var sig = DealFixtures.deal().sign(CLIENT_KEY, DOMAIN);
        assertThat(Signatures.recover(DealFixtures.deal().digest(DOMAIN), sig)).isEqualTo(CLIENT_KEY.address());
    }

    @Test
    void shouldChangeTheIdWhenAnyFieldChanges() {
        JobOffer a = DealFixtures.jobOffer();
        JobOffer b = new JobOffer(a.client(), a.jobSpecCid(), a.cpuMillis(), a.memoryMiB(), a.maxFuel(), a.maxPrice(),
                a.clientCollateral(), a.mediationFee(), List.of(a.mediators().get(1), a.mediators().get(0)),
                a.resultTimeout(), a.judgeTimeout(), a.mediationTimeout(), a.nonce(), a.expiry());
        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void shouldBeEqualByValueIncludingBytes() {
        assertThat(DealFixtures.deal()).isEqualTo(DealFixtures.deal());
        assertThat(DealFixtures.deal().hashCode()).isEqualTo(DealFixtures.deal().hashCode());
    }

    @Test
    void shouldRejectValuesOutsideTheSolidityTypes() {
        JobOffer a = DealFixtures.jobOffer();
        assertThatThrownBy(() -> new JobOffer(a.client(), a.jobSpecCid(), 1L << 32, a.memoryMiB(), a.maxFuel(),
                a.maxPrice(), a.clientCollateral(), a.mediationFee(), a.mediators(), a.resultTimeout(),
                a.judgeTimeout(), a.mediationTimeout(), a.nonce(), a.expiry()))
                .hasMessageContaining("cpuMillis must fit uint32");
        assertThatThrownBy(() -> new JobOffer(a.client(), a.jobSpecCid(), a.cpuMillis(), a.memoryMiB(), a.maxFuel(),
                BigInteger.ONE.negate(), a.clientCollateral(), a.mediationFee(), a.mediators(), a.resultTimeout(),
                a.judgeTimeout(), a.mediationTimeout(), a.nonce(), a.expiry()))
                .hasMessageContaining("maxPrice must fit uint256");
        List<Address> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new JobOffer(a.client(), a.jobSpecCid(), a.cpuMillis(), a.memoryMiB(), a.maxFuel(),
                a.maxPrice(), a.clientCollateral(), a.mediationFee(), withNull, a.resultTimeout(),
                a.judgeTimeout(), a.mediationTimeout(), a.nonce(), a.expiry()))
                .isInstanceOf(NullPointerException.class);
    }
}
