package ai.cinboard.persistence.type;

import ai.cinboard.domain.RecordStatus;

/** {@link RecordStatus} as its spec VARCHAR value. */
public class RecordStatusTypeHandler extends DbValueEnumTypeHandler<RecordStatus> {
    public RecordStatusTypeHandler() {
        super(RecordStatus::dbValue, RecordStatus::fromDb);
    }
}
