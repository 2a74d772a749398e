/**
 * Comet's training semantics and its native implementation: linear regression by mini-batch SGD
 * in the fixed-point arithmetic of {@code docs/TRAINING.md}.
 *
 * <ul>
 *   <li>{@link dev.comet.train.TrainingSpec}: what a run does (the public statement's spec);</li>
 *   <li>{@link dev.comet.train.FixedPointStep}: the arithmetic of one step, as the trainer does it;</li>
 *   <li>{@link dev.comet.train.TrainingTrace} and {@link dev.comet.train.TrainingAir}: the
 *       second, independent implementation (the proof's trace) and its constraints; a test checks
 *       that trainer and trace agree bit for bit;</li>
 *   <li>{@link dev.comet.train.FixedPointTrainer}: the reference trainer, with a
 *       {@link dev.comet.train.TrainingObserver} that sees every intermediate value;</li>
 *   <li>{@link dev.comet.train.FloatTrainer}, {@link dev.comet.train.LeastSquares} and
 *       {@link dev.comet.train.TrainingReport}: float baselines to judge a model by.</li>
 * </ul>
 */
package dev.comet.train;
