package io.pactum.runtime.exec;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;

/**
 * Counts every instruction the interpreter executes (one unit of fuel each) and enforces the
 * deterministic limits before the instruction runs: fuel, memory and table growth, call depth.
 *
 * <p>Called by Chicory's interpreter before each instruction, with the operand stack as it is then, so
 * {@code memory.grow}'s page delta is on top of the stack. The count depends only on the module, its input
 * and the Chicory version, never on the machine: the protocol must pin the engine version.
 */
final class FuelMeter implements ExecutionListener {

    /** Deepest call stack a job may build; kept well inside the worker thread's Java stack (see JobEngine). */
    static final int MAX_CALL_DEPTH = 10_000;
    /** Most table elements a job may hold (a table is memory too). */
    static final int MAX_TABLE_ELEMENTS = 1 << 20;
    private static final int WALL_CHECK_MASK = (1 << 14) - 1;

    private final long maxFuel;
    private final int maxPages;
    private long fuel;
    private Instance instance;
    private DepthAware machine;
    private volatile boolean stopRequested;

    /** A machine that can tell its call depth (Chicory keeps it in a protected field). */
    static final class DepthAware extends InterpreterMachine {
        DepthAware(Instance instance) {
            super(instance);
        }

        int depth() {
            return callStack.size();
        }
    }

    FuelMeter(long maxFuel, int maxPages) {
        this.maxFuel = maxFuel;
        this.maxPages = maxPages;
    }

    DepthAware machineFor(Instance instance) {
        this.instance = instance;
        this.machine = new DepthAware(instance);
        return machine;
    }

    long fuelUsed() {
        return fuel;
    }

    /** Asks the running job to stop at its next check (wall time); safe from any thread. */
    void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    @Override
    public void onExecution(Instruction instruction, MStack stack) {
        if (++fuel > maxFuel) {
            fuel = maxFuel;
            throw JobStop.outOfFuel(maxFuel);
        }
        OpCode op = instruction.opcode();
        if (op == OpCode.MEMORY_GROW) {
            checkMemoryGrow(instruction, stack);
        } else if (op == OpCode.CALL || op == OpCode.CALL_INDIRECT || op == OpCode.CALL_REF) {
            if (machine != null && machine.depth() >= MAX_CALL_DEPTH) {
                throw JobStop.trap("call stack exhausted (depth " + MAX_CALL_DEPTH + ")");
            }
        } else if (op == OpCode.TABLE_GROW) {
            long delta = stack.peek() & 0xFFFFFFFFL;
            int size = instance.table((int) instruction.operand(0)).size();
            if (size + delta > MAX_TABLE_ELEMENTS) {
                throw JobStop.memoryLimit("table.grow beyond " + MAX_TABLE_ELEMENTS + " elements");
            }
        }
        if ((fuel & WALL_CHECK_MASK) == 0 && stopRequested) {
            throw new ChicoryInterruptedException("wall time exceeded");
        }
    }

    private void checkMemoryGrow(Instruction instruction, MStack stack) {
        long delta = stack.peek() & 0xFFFFFFFFL;
        int index = instruction.operandCount() > 0 ? (int) instruction.operand(0) : 0;
        Memory memory = instance.memory(index);
        if (memory.pages() + delta > maxPages) {
            throw JobStop.memoryLimit("memory.grow from " + memory.pages() + " by " + delta + " pages beyond the limit of "
                    + maxPages);
        }
    }
}
