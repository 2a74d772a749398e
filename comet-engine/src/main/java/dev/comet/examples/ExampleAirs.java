package dev.comet.examples;

import dev.comet.air.Air;
import dev.comet.air.TraceTable;
import java.util.List;

/** The example computations by name, for tests and {@code comet bench stark}. */
public final class ExampleAirs {
    public static final List<String> NAMES = List.of("fib", "mimc", "wide", "range");

    /** An AIR together with a trace satisfying it. */
    public record Instance(Air air, TraceTable trace) {}

    private ExampleAirs() {}

    /**
     * @param columns width of {@code wide}; ignored by the others
     */
    public static Instance create(String name, int logRows, int columns) {
        return switch (name) {
            case "fib" -> {
                TraceTable t = FibonacciAir.trace(logRows);
                yield new Instance(FibonacciAir.forTrace(t), t);
            }
            case "mimc" -> {
                TraceTable t = MimcAir.trace(logRows, 3);
                yield new Instance(MimcAir.forTrace(t), t);
            }
            case "wide" -> {
                TraceTable t = WideAir.trace(logRows, columns);
                yield new Instance(WideAir.forTrace(t), t);
            }
            case "range" -> {
                TraceTable t = RangeCheckAir.trace(logRows, 1_000_000L, 7);
                yield new Instance(new RangeCheckAir(logRows, 1_000_000L, 7), t);
            }
            default -> throw new IllegalArgumentException("unknown AIR '" + name + "' (expected one of " + NAMES + ")");
        };
    }
}
