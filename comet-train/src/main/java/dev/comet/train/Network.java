package dev.comet.train;

import java.util.List;

/**
 * The shape of a model's weights: {@code D} input features, then hidden layers of ReLU units
 * (none for the linear models), then the output layer of {@link ModelKind#outputs} scores. Layer
 * {@code l} has {@link #units(int)} units, each with {@link #inputs(int)} weights and a bias; the
 * flat weight vector holds the layers in order, each unit's block bias last. With no hidden layer
 * this is exactly the linear models' layout: {@code outputs} blocks of {@code D + 1}.
 *
 * <p>Every layer's fan-in is at most {@value #MAX_FAN_IN}: {@link FixedPointStep}'s dot-product
 * bound, which holds for hidden activations as for data since both are below {@code 2^31}.
 *
 * @param features {@code D}
 * @param hidden   the hidden layers' widths, input side first; empty for a linear model
 * @param outputs  the output layer's units
 */
public record Network(int features, List<Integer> hidden, int outputs) {
    /** The largest number of inputs of a unit, bias excluded (so at most 256 weights a unit). */
    public static final int MAX_FAN_IN = FixedPointStep.MAX_WEIGHTS - 1;
    /** The most hidden layers a model may have. */
    public static final int MAX_HIDDEN_LAYERS = 4;

    public Network {
        hidden = List.copyOf(hidden);
        if (features < 1 || features > MAX_FAN_IN) {
            throw new IllegalArgumentException("number of features must be in [1, " + MAX_FAN_IN + "], got " + features);
        }
        if (hidden.size() > MAX_HIDDEN_LAYERS) {
            throw new IllegalArgumentException("at most " + MAX_HIDDEN_LAYERS + " hidden layers, got " + hidden.size());
        }
        for (int units : hidden) {
            if (units < 1 || units > MAX_FAN_IN) {
                throw new IllegalArgumentException("a hidden layer needs 1 to " + MAX_FAN_IN + " units, got " + units);
            }
        }
        if (outputs < 1) {
            throw new IllegalArgumentException("a model needs at least one output, got " + outputs);
        }
    }

    /** A model without hidden layers: {@code outputs} linear scores of the features. */
    public static Network linear(int features, int outputs) {
        return new Network(features, List.of(), outputs);
    }

    /** Weight layers: the hidden layers and the output layer. */
    public int layers() {
        return hidden.size() + 1;
    }

    /** Whether layer {@code l} is the output layer. */
    public boolean isOutput(int l) {
        return l == hidden.size();
    }

    /** The inputs of each unit of layer {@code l}: the features, or the previous hidden layer's units. */
    public int inputs(int l) {
        return l == 0 ? features : hidden.get(l - 1);
    }

    /** The units of layer {@code l}. */
    public int units(int l) {
        return isOutput(l) ? outputs : hidden.get(l);
    }

    /** Weights per unit of layer {@code l}, its bias included. */
    public int width(int l) {
        return inputs(l) + 1;
    }

    /** The index of layer {@code l}'s first weight in the flat vector. */
    public int offset(int l) {
        int offset = 0;
        for (int k = 0; k < l; k++) {
            offset += units(k) * width(k);
        }
        return offset;
    }

    /** The index of weight {@code input} (the bias for {@code input = inputs(l)}) of unit {@code unit} of layer {@code l}. */
    public int weight(int l, int unit, int input) {
        return offset(l) + unit * width(l) + input;
    }

    /** All weights. */
    public int weights() {
        return offset(layers());
    }

    /** Units over all hidden layers. */
    public int hiddenUnits() {
        return hidden.stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Each weight's name, in the flat order: the input's (a feature, or "bias"), with the output's
     * name when there are several outputs ({@code outputNames}, e.g. the classes); with hidden
     * layers also the unit's, {@code h1.3 <- feature} for hidden layer 1's third unit and
     * {@code out [class] <- h1.2}.
     */
    public List<String> weightNames(List<String> featureNames, List<String> outputNames) {
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        boolean layered = layers() > 1;
        for (int l = 0; l < layers(); l++) {
            for (int u = 0; u < units(l); u++) {
                String output = outputs == 1 || !isOutput(l) ? "" : " [" + outputNames.get(u) + "]";
                String unit = isOutput(l) ? "out" + output : "h" + (l + 1) + "." + (u + 1);
                for (int j = 0; j <= inputs(l); j++) {
                    String input = j == inputs(l) ? "bias" : l == 0 ? featureNames.get(j) : "h" + l + "." + (j + 1);
                    names.add(layered ? unit + " <- " + input : input + output);
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * The exact scores of a row for these real weights: each hidden unit {@code max(0, z)}, the
     * output layer's scores as they are.
     */
    public double[] scores(double[] w, double[] features) {
        double[] in = features;
        for (int l = 0; l < layers(); l++) {
            double[] out = new double[units(l)];
            for (int u = 0; u < out.length; u++) {
                int base = weight(l, u, 0);
                double sum = w[base + inputs(l)];
                for (int j = 0; j < inputs(l); j++) {
                    sum += w[base + j] * in[j];
                }
                out[u] = isOutput(l) ? sum : Math.max(0, sum);
            }
            in = out;
        }
        return in;
    }

    /** "64-32-10": the widths from input to output. */
    public String describe() {
        StringBuilder out = new StringBuilder().append(features);
        hidden.forEach(h -> out.append('-').append(h));
        return out.append('-').append(outputs).toString();
    }
}
