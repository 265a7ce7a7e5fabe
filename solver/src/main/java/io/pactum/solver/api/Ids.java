package io.pactum.solver.api;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;

/** Parsing of ids and addresses in paths and query parameters (to the stored lower-case form). */
final class Ids {
    private Ids() {}

    static String id(String text, String field) {
        try {
            return Bytes32.fromHex(text).toHex();
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_FIELD, field + " must be 0x + 64 hex digits", field);
        }
    }

    static String address(String text, String field) {
        try {
            return Address.parse(text).toLowerHex();
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_FIELD, field + ": " + e.getMessage(), field);
        }
    }
}
