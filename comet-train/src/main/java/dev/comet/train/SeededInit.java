package dev.comet.train;

/**
 * Initial weights from a public seed, so that a verifier can recompute them instead of trusting
 * a list (docs/TRAINING.md, "Initial weights from a seed"). The generator is specified here
 * completely and uses only 64-bit integer arithmetic, so every platform derives the same
 * weights:
 * <ul>
 *   <li>a SplitMix64 stream from {@code seed}: {@code state += 0x9E3779B97F4A7C15}, then the
 *       output {@code z = state}, {@code z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9},
 *       {@code z = (z ^ (z >>> 27)) * 0x94D049BB133111EB}, {@code z ^ (z >>> 31)};</li>
 *   <li>for each layer of the {@link Network} in turn (the hidden layers, then the output layer
 *       of {@code K} units: {@code K = 1} except for softmax and the MLP, with one output per
 *       class), for each unit {@code o}, weight {@code j < n_in}: uniform on the integers
 *       {@code [-L, L]} by rejection (the top 63 bits of an output, modulo {@code 2L + 1},
 *       rejecting the last incomplete block), with {@code L = floor(sqrt(6 * 2^32 / (n_in + n_out)))},
 *       the Glorot-uniform limit {@code sqrt(6 / (fan_in + fan_out))} for the layer's {@code n_in}
 *       inputs and {@code n_out} units, in fixed point; then the unit's bias: 0.</li>
 * </ul>
 * One stream serves all layers and units, so a one-output linear model's weights are the first
 * block of any linear model's, and a linear model's are those of the layered generator with no
 * hidden layer.
 */
public final class SeededInit {
    /** The generator's name, bound into the statement with the seed. */
    public static final String GENERATOR = "splitmix64-glorot-uniform/1";
    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private SeededInit() {}

    /** The initial weights of a model of {@code features} inputs and one output, bias last. */
    public static long[] weights(long seed, int features) {
        return weights(seed, features, 1);
    }

    /** The initial weights of a model of {@code features} inputs and {@code outputs} outputs, each block's bias last. */
    public static long[] weights(long seed, int features, int outputs) {
        return weights(seed, Network.linear(features, outputs));
    }

    /** The initial weights of {@code network}, layer by layer, each unit's bias last. */
    public static long[] weights(long seed, Network network) {
        long[] out = new long[network.weights()];
        long[] state = {seed};
        for (int l = 0; l < network.layers(); l++) {
            long limit = limit(network.inputs(l) + network.units(l));
            for (int o = 0; o < network.units(l); o++) {
                for (int j = 0; j < network.inputs(l); j++) {
                    out[network.weight(l, o, j)] = uniform(state, limit);
                }
            }
        }
        return out;
    }

    /** {@code floor(sqrt(6 * 2^32 / fans))}: at most {@code 2^16 sqrt(3) < 2^24}, so every weight is in bounds. */
    public static long limit(int fans) {
        long square = (6L << 32) / fans;
        long root = (long) Math.sqrt((double) square);
        while (root * root > square) {
            root--;
        }
        while ((root + 1) * (root + 1) <= square) {
            root++;
        }
        return root;
    }

    /** The next SplitMix64 output of the stream whose state is {@code state[0]}. */
    static long next(long[] state) {
        state[0] += GAMMA;
        long z = state[0];
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long uniform(long[] state, long limit) {
        long n = 2 * limit + 1;
        long bits;
        long value;
        do {
            bits = next(state) >>> 1;
            value = bits % n;
        } while (bits - value + (n - 1) < 0); // the last incomplete block of size n
        return value - limit;
    }
}
