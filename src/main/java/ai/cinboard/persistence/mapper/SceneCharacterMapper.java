package ai.cinboard.persistence.mapper;

import ai.cinboard.domain.SceneCharacter;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper for {@code scene_characters}, the link between scenes and the characters in them. */
public interface SceneCharacterMapper {
    int insert(SceneCharacter row);

    int delete(SceneCharacter row);

    List<SceneCharacter> listByInputRecord(@Param("inputRecordId") int inputRecordId);

    List<SceneCharacter> listByScene(@Param("sceneId") int sceneId);
}
