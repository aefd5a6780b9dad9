package ai.cinboard.pipeline;

import ai.cinboard.domain.RecordStatus;
import ai.cinboard.domain.StudioException;

/**
 * Input refused by validation or blocked by the content policy. The input record and its failed or
 * blocked status row are stored; nothing after that phase ran.
 */
public final class InputRefusedException extends StudioException {
    private static final long serialVersionUID = 1L;
    private final int projectId;
    private final RecordStatus status;

    public InputRefusedException(int projectId, RecordStatus status, String message) {
        super(message);
        this.projectId = projectId;
        this.status = status;
    }

    public int projectId() {
        return projectId;
    }

    public RecordStatus status() {
        return status;
    }
}
