package io.pactum.chain.rpc;

import java.io.IOException;

/** A JSON-RPC error reply (the node answered, with an error object). Not retried. */
public class RpcException extends IOException {
  private final String method;
  private final int code;
  private final String data;

  public RpcException(String method, int code, String message, String data) {
    super(method + ": " + message + " (code " + code + (data == null ? "" : ", data " + data) + ")");
    this.method = method;
    this.code = code;
    this.data = normalize(data);
  }

  /** web3j keeps the error's data as raw JSON text: strip the quotes of a JSON string. */
  static String normalize(String data) {
    if (data == null) {
      return null;
    }
    String d = data.trim();
    if (d.length() >= 2 && d.startsWith("\"") && d.endsWith("\"")) {
      d = d.substring(1, d.length() - 1);
    }
    return d.isEmpty() || "null".equals(d) ? null : d;
  }

  public String method() {
    return method;
  }

  public int code() {
    return code;
  }

  /** The error's {@code data} (revert data for an execution revert), or null. */
  public String data() {
    return data;
  }

  public String rpcMessage() {
    String m = getMessage();
    return m == null ? "" : m;
  }

  /** The message contains any of the fragments (case-insensitive). */
  public boolean mentions(String... fragments) {
    String m = rpcMessage().toLowerCase();
    for (String f : fragments) {
      if (m.contains(f.toLowerCase())) {
        return true;
      }
    }
    return false;
  }
}
