package mes.fixtureb;

import mes.kernel.Refusal;

/** Keeps every rule of FeatureRoomsTest, for FeatureRoomsMutationTest; not part of the application. */
public class CleanService {

    public void refuse() {
        throw Refusal.conflict("no");
    }
}
