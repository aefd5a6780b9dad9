package ai.cinboard.service;

import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.ProjectAccess;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.service.account.AuditLog;

/**
 * Deletes a user's project: the input record and, through the schema's cascades, everything under it. The
 * ownership check, the deletion and its audit entry are one transaction. Media files stay in the media store:
 * they are content-addressed and may be shared with other projects.
 */
public final class ProjectDeletion {
    private final Database database;

    public ProjectDeletion(Database database) {
        this.database = database;
    }

    /** Deletes project {@code projectId} if {@code userId} owns it; another user's id is "not found". */
    public void delete(int userId, int projectId) {
        database.useTransaction(s -> {
            ProjectAccess.requireOwner(s, userId, projectId);
            s.getMapper(InputRecordMapper.class).deleteById(projectId);
            AuditLog.deletion(s, userId, "project", projectId);
        });
    }
}
