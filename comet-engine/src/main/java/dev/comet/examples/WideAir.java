package dev.comet.examples;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.field.Goldilocks;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code w} independent cubic recurrences {@code x_c' = x_c^3 + (c + 1)}, one per column, for
 * measuring throughput as the trace widens. Public: each column's first and last value.
 */
public final class WideAir implements Air {
    private final int logLength;
    private final long[] inputs;
    private final long[] outputs;

    public WideAir(int logLength, long[] inputs, long[] outputs) {
        if (inputs.length != outputs.length || inputs.length == 0) {
            throw new IllegalArgumentException("need one input and one output per column");
        }
        this.logLength = logLength;
        this.inputs = inputs.clone();
        this.outputs = outputs.clone();
    }

    public static TraceTable trace(int logLength, int columns) {
        int n = 1 << logLength;
        TraceTable t = TraceTable.ofSize(columns, n);
        for (int c = 0; c < columns; c++) {
            long x = c + 2;
            long[] col = t.column(c);
            for (int i = 0; i < n; i++) {
                col[i] = x;
                x = Goldilocks.add(Goldilocks.mul(Goldilocks.square(x), x), c + 1);
            }
        }
        return t;
    }

    public static WideAir forTrace(TraceTable trace) {
        int w = trace.width();
        long[] in = new long[w];
        long[] out = new long[w];
        for (int c = 0; c < w; c++) {
            in[c] = trace.get(c, 0);
            out[c] = trace.get(c, trace.length() - 1);
        }
        return new WideAir(Integer.numberOfTrailingZeros(trace.length()), in, out);
    }

    @Override
    public String name() {
        return "wide";
    }

    @Override
    public TraceInfo traceInfo() {
        return TraceInfo.mainOnly(logLength, inputs.length);
    }

    @Override
    public List<Constraint> constraints() {
        List<Constraint> out = new ArrayList<>();
        int last = (1 << logLength) - 1;
        for (int c = 0; c < inputs.length; c++) {
            Expr x = Expr.main(c);
            out.add(Constraint.transition("column " + c + " recurrence", Expr.mainNext(c).minus(x.pow(3).plus(c + 1))));
            out.add(Constraint.assertion("column " + c + " input", c, 0, inputs[c]));
            out.add(Constraint.assertion("column " + c + " output", c, last, outputs[c]));
        }
        return out;
    }

    @Override
    public byte[] publicInputs() {
        ByteBuffer b = ByteBuffer.allocate(16 * inputs.length);
        for (int c = 0; c < inputs.length; c++) {
            b.putLong(inputs[c]).putLong(outputs[c]);
        }
        return b.array();
    }
}
