package ai.cinboard.persistence.type;

import ai.cinboard.domain.Phase;

/** {@link Phase} as its spec VARCHAR value. */
public class PhaseTypeHandler extends DbValueEnumTypeHandler<Phase> {
    public PhaseTypeHandler() {
        super(Phase::dbValue, Phase::fromDb);
    }
}
