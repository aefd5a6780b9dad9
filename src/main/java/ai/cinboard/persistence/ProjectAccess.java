package ai.cinboard.persistence;

import ai.cinboard.domain.InputRecord;
import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import org.apache.ibatis.session.SqlSession;

/**
 * Per-user access to projects (input records and everything under them). Another user's project is refused
 * with the same "not found" as a project that does not exist, so ids reveal nothing about other accounts.
 */
public final class ProjectAccess {
    private ProjectAccess() {}

    /** The project, if {@code userId} owns it; otherwise a {@link StudioException} saying it was not found. */
    public static InputRecord requireOwner(Database db, int userId, int inputRecordId) {
        return db.read(s -> requireOwner(s, userId, inputRecordId));
    }

    /** {@link #requireOwner(Database, int, int)} inside the caller's unit of work. */
    public static InputRecord requireOwner(SqlSession session, int userId, int inputRecordId) {
        InputRecord record = session.getMapper(InputRecordMapper.class).findById(inputRecordId);
        if (record == null || record.userId() == null || record.userId() != userId) {
            throw new StudioException(
                    "Project " + inputRecordId + " was not found; pick one from your project list (cinboard project"
                            + " list, or the studio's library).");
        }
        return record;
    }
}
