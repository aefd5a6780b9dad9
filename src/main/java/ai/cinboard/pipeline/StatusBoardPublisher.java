package ai.cinboard.pipeline;

import ai.cinboard.cache.StatusBoard;
import ai.cinboard.cache.StatusUpdate;
import ai.cinboard.domain.Phase;
import java.time.Instant;

/**
 * Publishes every phase change to the status board: the spec's {@code status:{input_id}} entries, which
 * another studio on the same Redis sees live, without polling.
 */
public final class StatusBoardPublisher implements PhaseListener {
    private final StatusBoard board;

    public StatusBoardPublisher(StatusBoard board) {
        this.board = board;
    }

    @Override
    public void changed(PhaseEvent e) {
        board.publish(new StatusUpdate(
                e.projectId(),
                e.phase().dbValue(),
                e.status().dbValue(),
                e.progress(),
                e.message() == null ? "" : e.message(),
                Instant.now(),
                e.elapsedMillis(),
                e.worker()));
    }

    /** Both listeners, in order. */
    public static PhaseListener and(PhaseListener first, PhaseListener second) {
        return new PhaseListener() {
            @Override
            public void changed(PhaseEvent e) {
                first.changed(e);
                second.changed(e);
            }

            @Override
            public void preview(int projectId, Phase phase, byte[] image) {
                first.preview(projectId, phase, image);
                second.preview(projectId, phase, image);
            }
        };
    }
}
