package io.pactum.solver.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.JobOffer;
import io.pactum.protocol.deal.ResourceOffer;
import io.pactum.protocol.json.ProtocolJson;
import io.pactum.solver.BookTables;
import io.pactum.solver.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * W11: randomly corrupted offer and signature bodies (fixed seed, bounded) against the three
 * write endpoints. Every answer is a 4xx with a code and a message, never a 5xx, and the tables
 * are unchanged. A mutation that happens to keep the request equivalent (e.g. the case of a hex
 * digit) hits the idempotent path: 200 for the offer already in the book, still nothing written.
 */
@QuarkusTest
class MalformedInputFuzzTest {
    private static final long SEED = 0x5EED_2024L;
    private static final int ROUNDS = 300;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Inject
    DataSource ds;

    @Test
    void shouldAnswerEveryCorruptedBodyWithA4xxAndWriteNothing() {
        BookTables.clear(ds);
        // the book: a job and a resource offer that match (a proposal the client has signed), and
        // a pair that cannot match (price too high), as the originals of the mutations
        JobOffer job = Fixtures.job(Fixtures.nextNonce(), Fixtures.inAnHour(), BigInteger.valueOf(100));
        ResourceOffer res = Fixtures.resource(Fixtures.NODE, Fixtures.nextNonce(), Fixtures.inAnHour(), BigInteger.valueOf(50));
        post("/v1/job-offers", Fixtures.body(job, Fixtures.CLIENT, Fixtures.DOMAIN).toString());
        post("/v1/resource-offers", Fixtures.body(res, Fixtures.NODE, Fixtures.DOMAIN).toString());
        List<Object> proposed = given().get("/v1/deals?status=proposed").then().extract().jsonPath().getList("deal");
        assertThat(proposed).hasSize(1);
        Deal deal = ProtocolJson.mapper().convertValue(proposed.get(0), Deal.class);
        ObjectNode sigBody = F.objectNode().put("signature", deal.sign(Fixtures.CLIENT, Fixtures.DOMAIN).toHex());
        post("/v1/deals/" + deal.id().toHex() + "/signatures", sigBody.toString());

        ResourceOffer dear = Fixtures.resource(Fixtures.NODE2, Fixtures.nextNonce(), Fixtures.inAnHour(), BigInteger.valueOf(5000));
        ObjectNode resBody = Fixtures.body(dear, Fixtures.NODE2, Fixtures.DOMAIN);
        post("/v1/resource-offers", resBody.toString());
        JobOffer cheapJob = Fixtures.job(Fixtures.nextNonce(), Fixtures.inAnHour(), BigInteger.valueOf(10));
        ObjectNode jobBody = Fixtures.body(cheapJob, Fixtures.CLIENT, Fixtures.DOMAIN);
        post("/v1/job-offers", jobBody.toString());

        String before = BookTables.snapshot(ds);
        Random rnd = new Random(SEED);
        Map<String, Integer> codes = new TreeMap<>();
        int equivalent = 0;
        for (int i = 0; i < ROUNDS; i++) {
            int target = rnd.nextInt(3);
            String path = switch (target) {
                case 0 -> "/v1/job-offers";
                case 1 -> "/v1/resource-offers";
                default -> "/v1/deals/" + deal.id().toHex() + "/signatures";
            };
            ObjectNode original = switch (target) {
                case 0 -> jobBody;
                case 1 -> resBody;
                default -> sigBody;
            };
            String body = mutate(original, rnd, target);
            Response r = given().contentType(ContentType.JSON).body(body).post(path);
            int status = r.statusCode();
            String ctx = "round " + i + " " + path + " body " + abbreviate(body) + " -> " + status + " " + abbreviate(r.asString());
            assertThat(status).as(ctx).isLessThan(500);
            if (status == 200) {
                equivalent++; // an equivalent request: the idempotent answer
            } else {
                assertThat(status).as(ctx).isBetween(400, 499);
                String code = r.jsonPath().getString("error");
                assertThat(code).as(ctx).isNotBlank();
                assertThat(r.jsonPath().getString("message")).as(ctx).isNotBlank();
                codes.merge(status + " " + code, 1, Integer::sum);
            }
        }
        assertThat(BookTables.snapshot(ds)).isEqualTo(before);
        System.out.printf("W11 fuzz: %d bodies, seed %x: %s, %d equivalent (idempotent 200), 0 5xx, tables unchanged%n",
                ROUNDS, SEED, codes, equivalent);
        assertThat(codes.keySet()).anyMatch(k -> k.contains("UNKNOWN_FIELD"));
        assertThat(codes.keySet()).anyMatch(k -> k.contains("INVALID_FIELD"));
        assertThat(codes.keySet()).anyMatch(k -> k.contains("BAD_SIGNATURE"));
    }

    private static void post(String path, String body) {
        int s = given().contentType(ContentType.JSON).body(body).post(path).statusCode();
        assertThat(s).as(path).isBetween(200, 201);
    }

    private static String mutate(ObjectNode original, Random rnd, int target) {
        ObjectNode n = original.deepCopy();
        String text = n.toString();
        switch (rnd.nextInt(10)) {
            case 0 -> { // flip one character
                int at = rnd.nextInt(text.length());
                char c = (char) (32 + rnd.nextInt(95));
                return text.substring(0, at) + c + text.substring(at + 1);
            }
            case 1 -> { // cut a range out
                int a = rnd.nextInt(text.length());
                int b = Math.min(text.length(), a + 1 + rnd.nextInt(20));
                return text.substring(0, a) + text.substring(b);
            }
            case 2 -> { // truncate
                return text.substring(0, rnd.nextInt(text.length()));
            }
            case 3 -> { // an unknown field somewhere
                ObjectNode at = target < 2 && rnd.nextBoolean() ? (ObjectNode) n.get("offer") : n;
                at.put("x" + rnd.nextInt(1000), rnd.nextInt());
                return n.toString();
            }
            case 4 -> { // drop a field
                ObjectNode at = target < 2 && rnd.nextBoolean() ? (ObjectNode) n.get("offer") : n;
                List<String> names = names(at);
                at.remove(names.get(rnd.nextInt(names.size())));
                return n.toString();
            }
            case 5 -> { // a value of the wrong type or range
                ObjectNode at = target < 2 ? (ObjectNode) n.get("offer") : n;
                List<String> names = names(at);
                at.set(names.get(rnd.nextInt(names.size())), junk(rnd));
                return n.toString();
            }
            case 6 -> { // a well-formed but different value: the signature no longer matches
                if (target == 2) {
                    return "{\"signature\":\"0x" + hex(rnd, 64) + "1b\"}";
                }
                ObjectNode offer = (ObjectNode) n.get("offer");
                String field = target == 0 ? "maxPrice" : "price";
                offer.put(field, String.valueOf(1 + rnd.nextInt(1_000_000)));
                return n.toString();
            }
            case 7 -> { // oversized
                n.put("pad", "y".repeat(65_536 + rnd.nextInt(10_000)));
                return n.toString();
            }
            case 8 -> { // not an object at all
                String[] shapes = {"[]", "null", "42", "\"s\"", "{}", "{\"offer\":null}", "true", "[{}]", " "};
                return shapes[rnd.nextInt(shapes.length)];
            }
            default -> { // duplicate key / trailing garbage
                return rnd.nextBoolean() ? text.substring(0, text.length() - 1) + ",\"signature\":\"0x\"}" : text + "{}";
            }
        }
    }

    private static JsonNode junk(Random rnd) {
        return switch (rnd.nextInt(10)) {
            case 0 -> F.nullNode();
            case 1 -> F.numberNode(-1);
            case 2 -> F.numberNode(1.5);
            case 3 -> F.textNode("-5");
            case 4 -> F.textNode("0x" + hex(rnd, 1 + rnd.nextInt(40)));
            case 5 -> F.arrayNode().add("0xzz");
            case 6 -> F.objectNode();
            case 7 -> F.booleanNode(true);
            case 8 -> F.textNode("1" + "0".repeat(80));
            default -> F.numberNode(new BigInteger("1" + "0".repeat(30)));
        };
    }

    private static List<String> names(ObjectNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static String hex(Random rnd, int bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes; i++) {
            sb.append(String.format("%02x", rnd.nextInt(256)));
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
