package ai.cinboard.persistence;

import ai.cinboard.domain.InputRecord;
import ai.cinboard.domain.Project;
import ai.cinboard.persistence.mapper.CharacterImageMapper;
import ai.cinboard.persistence.mapper.CharacterMapper;
import ai.cinboard.persistence.mapper.FinalVideoMapper;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.KeyframeImageMapper;
import ai.cinboard.persistence.mapper.KeyframeMapper;
import ai.cinboard.persistence.mapper.ProcessingStatusMapper;
import ai.cinboard.persistence.mapper.SceneCharacterMapper;
import ai.cinboard.persistence.mapper.SceneMapper;
import ai.cinboard.persistence.mapper.VideoClipMapper;
import ai.cinboard.persistence.mapper.VoiceoverMapper;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;

/**
 * Loads a whole project in a fixed number of queries (one per table, {@value #QUERIES_PER_PROJECT} in all),
 * whatever its size. Child tables are read through a join on their parent, never with a select per parent.
 * One query per table rather than one giant join: a join of characters x images x keyframes x images
 * would multiply rows, and records can't be filled in by MyBatis collections after construction.
 */
public final class ProjectRepository {
    public static final int QUERIES_PER_PROJECT = 11;

    private final Database database;

    public ProjectRepository(Database database) {
        this.database = database;
    }

    public Optional<Project> load(int inputRecordId) {
        return database.read(session -> load(session, inputRecordId));
    }

    /** Loads within the caller's unit of work. */
    public static Optional<Project> load(SqlSession session, int id) {
        InputRecord record = session.getMapper(InputRecordMapper.class).findById(id);
        if (record == null) {
            return Optional.empty();
        }
        return Optional.of(new Project(
                record,
                session.getMapper(ProcessingStatusMapper.class).listByInputRecord(id),
                session.getMapper(SceneMapper.class).listByInputRecord(id),
                session.getMapper(SceneCharacterMapper.class).listByInputRecord(id),
                session.getMapper(CharacterMapper.class).listByInputRecord(id),
                session.getMapper(CharacterImageMapper.class).listByInputRecord(id),
                session.getMapper(KeyframeMapper.class).listByInputRecord(id),
                session.getMapper(KeyframeImageMapper.class).listByInputRecord(id),
                session.getMapper(VideoClipMapper.class).listByInputRecord(id),
                session.getMapper(VoiceoverMapper.class).listByInputRecord(id),
                session.getMapper(FinalVideoMapper.class).listByInputRecord(id)));
    }
}
