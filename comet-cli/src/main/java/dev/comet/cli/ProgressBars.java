package dev.comet.cli;

import dev.comet.prover.ProverListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One progress bar over the phases of a proof, on stderr, only when stderr is a terminal and the
 * user did not ask for quiet: piped or redirected output and scripts see nothing. The launcher
 * says whether stderr is a terminal ({@code comet.stderr.tty}); run without it, the JVM's console
 * (standard input and output) is the best guess.
 */
final class ProgressBars implements ProverListener, AutoCloseable {
    private final ProgressBar bar;

    private ProgressBars(int phases) {
        this.bar = new ProgressBarBuilder().setTaskName("proving").setInitialMax(phases)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).hideEta()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    /** A listener showing progress, or one that stays silent. */
    static ProverListener open(boolean quiet, int phases) {
        return quiet || !stderrIsTerminal() ? ProverListener.NONE : new ProgressBars(phases);
    }

    private static boolean stderrIsTerminal() {
        String tty = System.getProperty("comet.stderr.tty");
        return tty != null ? tty.equals("1") : System.console() != null;
    }

    static void close(ProverListener listener) {
        if (listener instanceof ProgressBars bars) {
            bars.close();
        }
    }

    @Override
    public void phaseStarted(String phase, int totalSteps) {
        bar.setExtraMessage(phase);
    }

    @Override
    public void phaseFinished(String phase) {
        bar.step();
    }

    @Override
    public void close() {
        bar.stepTo(bar.getMax());
        bar.close();
    }
}
