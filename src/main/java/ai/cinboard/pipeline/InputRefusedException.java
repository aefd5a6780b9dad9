package ai.cinboard.pipeline;

import ai.cinboard.domain.RecordStatus;
import ai.cinboard.domain.StudioException;

/**
 * A story the content policy blocked. Its input record and the blocked status row are stored, as the record of
 * what the policy stopped; nothing after that phase ran. (Input refused by validation is a plain
 * {@link StudioException}, and nothing of it is stored.)
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
