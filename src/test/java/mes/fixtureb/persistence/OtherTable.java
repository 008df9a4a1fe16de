package mes.fixtureb.persistence;

import mes.fixturea.BrokenService;

/** The other half of FeatureRoomsMutationTest's cycle; not part of the application. */
public class OtherTable {

    BrokenService user;
}
