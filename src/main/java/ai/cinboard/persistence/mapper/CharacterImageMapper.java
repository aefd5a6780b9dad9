package ai.cinboard.persistence.mapper;

import ai.cinboard.domain.CharacterImage;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper for {@code character_images}; SQL in CharacterImageMapper.xml beside it. */
public interface CharacterImageMapper {
    /** Inserts the row (its id is ignored) and returns the generated id. */
    int insert(CharacterImage row);

    CharacterImage findById(@Param("id") int id);

    /** Writes every updatable column of the row with this id; returns the number of rows changed. */
    int update(CharacterImage row);

    int deleteById(@Param("id") int id);

    List<CharacterImage> listByInputRecord(@Param("inputRecordId") int inputRecordId);

    List<CharacterImage> listByCharacter(@Param("characterId") int characterId);
}
