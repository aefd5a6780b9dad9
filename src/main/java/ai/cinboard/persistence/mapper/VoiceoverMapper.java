package ai.cinboard.persistence.mapper;

import ai.cinboard.domain.Voiceover;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper for {@code voiceovers}; SQL in VoiceoverMapper.xml beside it. */
public interface VoiceoverMapper {
    /** Inserts the row (its id is ignored) and returns the generated id. */
    int insert(Voiceover row);

    Voiceover findById(@Param("id") int id);

    /** Writes every updatable column of the row with this id; returns the number of rows changed. */
    int update(Voiceover row);

    /** Replaces or adds these top-level entries of the row's {@code voice_settings}, keeping the others. */
    int mergeVoiceSettings(@Param("id") int id, @Param("entries") Map<String, Object> entries);

    int deleteById(@Param("id") int id);

    List<Voiceover> listByInputRecord(@Param("inputRecordId") int inputRecordId);
}
