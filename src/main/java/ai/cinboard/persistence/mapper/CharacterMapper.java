package ai.cinboard.persistence.mapper;

import ai.cinboard.domain.Character;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper for {@code characters}; SQL in CharacterMapper.xml beside it. */
public interface CharacterMapper {
    /** Inserts the row (its id is ignored) and returns the generated id. */
    int insert(Character row);

    Character findById(@Param("id") int id);

    /** Writes every updatable column of the row with this id; returns the number of rows changed. */
    int update(Character row);

    int deleteById(@Param("id") int id);

    List<Character> listByInputRecord(@Param("inputRecordId") int inputRecordId);
    /** Makes one take current: its reference image, how it was made, its score and fingerprint. */
    int setCurrentTake(
            @Param("id") int id,
            @Param("take") int take,
            @Param("imageUrl") String imageUrl,
            @Param("generationParams") java.util.Map<String, Object> generationParams,
            @Param("qualityScore") java.math.BigDecimal qualityScore,
            @Param("fingerprint") String fingerprint);

    int updateDescription(@Param("id") int id, @Param("description") String description);
}
