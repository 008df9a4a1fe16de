package mes.fixturea;

import java.sql.Connection;
import mes.fixtureb.persistence.OtherTable;
import mes.web.Params;

/** Breaks every rule of FeatureRoomsTest once, for FeatureRoomsMutationTest; not part of the application. */
public class BrokenService {

    Connection connection;
    OtherTable otherFeaturesTable;

    public String speaksHttp(String value) {
        return Params.blankToNull(value);
    }
}
