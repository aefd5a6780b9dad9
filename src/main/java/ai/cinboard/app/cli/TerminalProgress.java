package ai.cinboard.app.cli;

import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.pipeline.PhaseListener;
import java.io.PrintWriter;

/**
 * A progress bar per phase on the terminal (stderr, so --json output stays clean). On a terminal the bar
 * redraws in place; otherwise (CI, a pipe) it prints a line every 25 % so logs stay short.
 */
final class TerminalProgress implements PhaseListener {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean interactive;
    private int lastPrinted = -1;

    TerminalProgress(PrintWriter err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public synchronized void changed(PhaseEvent e) {
        String name = String.format("%-19s", e.phase().dbValue());
        if (e.status() == PhaseStatus.RUNNING) {
            if (interactive) {
                err.print("\r" + name + " " + bar(e.progress()) + String.format(" %3d%%", e.progress()));
                err.flush();
            } else if (e.progress() / 25 != lastPrinted / 25 || lastPrinted < 0) {
                lastPrinted = e.progress();
                err.println(name + " " + bar(e.progress()) + String.format(" %3d%%", e.progress()));
            }
            return;
        }
        lastPrinted = -1;
        String outcome = switch (e.status()) {
            case COMPLETED -> "done";
            case SKIPPED -> e.message() == null ? "skipped" : "skipped: " + e.message();
            case FAILED -> "FAILED: " + e.message();
            case BLOCKED -> "BLOCKED";
            case CANCELLED -> "cancelled";
            default -> e.status().dbValue();
        };
        err.println((interactive ? "\r" : "") + name + " "
                + bar(e.status() == PhaseStatus.COMPLETED || e.status() == PhaseStatus.SKIPPED ? 100 : e.progress())
                + String.format(" %6.1fs  %s", e.elapsedMillis() / 1000.0, outcome));
        err.flush();
    }

    private static String bar(int percent) {
        int filled = percent * WIDTH / 100;
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]";
    }
}
