package ai.cinboard.persistence.type;

import ai.cinboard.domain.PhaseStatus;

/** {@link PhaseStatus} as its spec VARCHAR value. */
public class PhaseStatusTypeHandler extends DbValueEnumTypeHandler<PhaseStatus> {
    public PhaseStatusTypeHandler() {
        super(PhaseStatus::dbValue, PhaseStatus::fromDb);
    }
}
