package ai.cinboard.persistence.mapper;

import ai.cinboard.domain.Voiceover;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper for {@code voiceovers}; SQL in VoiceoverMapper.xml beside it. */
public interface VoiceoverMapper {
    /** Inserts the row (its id is ignored) and returns the generated id. */
    int insert(Voiceover row);

    Voiceover findById(@Param("id") int id);

    /** Writes every updatable column of the row with this id; returns the number of rows changed. */
    int update(Voiceover row);

    int deleteById(@Param("id") int id);

    List<Voiceover> listByInputRecord(@Param("inputRecordId") int inputRecordId);
}
