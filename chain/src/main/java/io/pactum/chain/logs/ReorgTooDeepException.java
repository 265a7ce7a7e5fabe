package io.pactum.chain.logs;

/** A reorg deeper than the poller accepts (W7): the poller halts and reports unhealthy. */
public class ReorgTooDeepException extends IllegalStateException {
  private final long cursorBlock;
  private final long ancestorBlock;

  public ReorgTooDeepException(String message, long cursorBlock, long ancestorBlock) {
    super(message);
    this.cursorBlock = cursorBlock;
    this.ancestorBlock = ancestorBlock;
  }

  public long cursorBlock() {
    return cursorBlock;
  }

  /** The common ancestor found, or -1 when none was found in the stored history. */
  public long ancestorBlock() {
    return ancestorBlock;
  }
}
