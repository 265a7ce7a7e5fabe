package io.pactum.cli.commands;

import io.pactum.cli.CliException;
import io.pactum.cli.chain.Registries;
import io.pactum.cli.chain.Tx;
import io.pactum.cli.output.Output;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.did.Did;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Parsing and checks shared by {@code pactum did|soul|cid}: each failure is a usage error (exit 2). */
final class RegistryArgs {
    private RegistryArgs() {}

    /** A 16-bit mask: decimal or 0x-hex; {@code nonZero} for delegations. */
    static int capabilities(String text, boolean nonZero) {
        int v = integer(text, "capabilities", 0xffff);
        if (nonZero && v == 0) {
            throw CliException.usage("capabilities must not be zero");
        }
        return v;
    }

    /**
     * Purpose bits of a verification method: a number 1..15 or a comma list of {@code
     * authentication, assertion, invocation, delegation} (or {@code auth, assert, invoke, delegate}).
     */
    static int purposes(String text) {
        if (text.matches("(0x)?[0-9a-fA-F]+")) {
            int v = integer(text, "purposes", 15);
            if (v == 0) {
                throw CliException.usage("purposes must not be zero");
            }
            return v;
        }
        int bits = 0;
        for (String p : text.split(",")) {
            bits |= switch (p.trim().toLowerCase(Locale.ROOT)) {
                case "authentication", "auth" -> 1;
                case "assertion", "assert" -> 2;
                case "invocation", "invoke", "capability-invocation" -> 4;
                case "delegation", "delegate", "capability-delegation" -> 8;
                default -> throw CliException.usage("unknown purpose '" + p.trim()
                        + "' (use authentication, assertion, invocation, delegation or a number 1..15)");
            };
        }
        return bits;
    }

    static int integer(String text, String name, int max) {
        try {
            String t = text.trim();
            int v = t.startsWith("0x") || t.startsWith("0X") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
            if (v < 0 || v > max) {
                throw CliException.usage(name + " must be within 0.." + max + ", got " + text);
            }
            return v;
        } catch (NumberFormatException e) {
            throw CliException.usage(name + " is not a number: " + text);
        }
    }

    /** A DID of the connected chain. */
    static Did did(String text, long chainId) {
        Did did;
        try {
            did = Did.parse(text);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        if (did.chainId() != chainId) {
            throw CliException.usage(did + " is a DID of chain " + did.chainId() + ", the profile's chain is " + chainId);
        }
        return did;
    }

    /** A CID in text form (CIDv0 base58 or CIDv1 multibase). */
    static Cid cid(String text) {
        try {
            return Cid.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("not a CID: " + text + " (" + e.getMessage() + ")");
        }
    }

    static Bytes32 id(String text, String name) {
        try {
            return Bytes32.fromHex(text.trim());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(name + " must be 0x and 64 hex digits: " + text);
        }
    }

    static BigInteger soulId(String text) {
        try {
            BigInteger v = new BigInteger(text.trim());
            if (v.signum() <= 0 || v.bitLength() > 256) {
                throw CliException.usage("soul id must be a positive integer, got " + text);
            }
            return v;
        } catch (NumberFormatException e) {
            throw CliException.usage("soul id must be a positive integer, got " + text);
        }
    }

    /** CID kinds: a name or a number 0..255. */
    static int kind(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "unspecified" -> 0;
            case "spec", "job-spec" -> 1;
            case "input" -> 2;
            case "result" -> 3;
            case "backup", "identity-backup" -> 4;
            case "module" -> 5;
            default -> {
                if (!text.trim().matches("[0-9]{1,3}")) {
                    throw CliException.usage("unknown kind '" + text
                            + "' (use unspecified, spec, input, result, backup, module or a number 0..255)");
                }
                yield integer(text, "kind", 255);
            }
        };
    }

    static String kindName(int kind) {
        return switch (kind) {
            case 0 -> "unspecified";
            case 1 -> "spec";
            case 2 -> "input";
            case 3 -> "result";
            case 4 -> "backup";
            case 5 -> "module";
            default -> String.valueOf(kind);
        };
    }

    /** {@code 30d}, {@code 12h}, {@code 90m}, {@code 3600s} or an ISO-8601 duration. */
    static Duration duration(String text, String name) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.matches("[0-9]{1,9}[smhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            if (d.isNegative() || d.isZero()) {
                throw CliException.usage(name + " must be positive");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw CliException.usage(name + " is not a duration (e.g. 30d, 12h, 90m): " + text);
        }
    }

    /** The end of every registry write: the {@code tx} line, then {@code doc} with {@code "tx"} added as the result; exit 0. */
    static int sent(Output out, Tx tx, Map<String, Object> doc) {
        out.line("tx            " + tx.hash() + " (block " + tx.block() + ")");
        doc.put("tx", txJson(tx));
        out.result(doc);
        return 0;
    }

    /** An ordered JSON object from key, value pairs (values may be null). */
    static Map<String, Object> doc(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static Map<String, Object> txJson(Tx tx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hash", tx.hash());
        m.put("block", tx.block());
        return m;
    }

    static String hex16(int v) {
        return String.format("0x%04x", v);
    }

    static Registries open(PactumCommand root, boolean withKey) {
        return root.backends().registries(root.config(), withKey);
    }
}
