package ai.cinboard.text.fdx;

/** A short Final Draft screenplay written for the tests: two scenes, a parenthetical, dual dialogue, transitions. */
public final class FinalDraftReaderTestData {
    private FinalDraftReaderTestData() {}

    public static final String FDX = """
            <?xml version="1.0" encoding="UTF-8" standalone="no" ?>
            <FinalDraft DocumentType="Script" Template="No" Version="5">
              <Content>
                <Paragraph Number="1" Type="Scene Heading"><Text>INT. FERRY DECK - NIGHT</Text></Paragraph>
                <Paragraph Type="Action"><Text>Rain drums on the rail. </Text><Text Style="Bold">MARA</Text><Text> (40s) grips a lantern.</Text></Paragraph>
                <Paragraph Type="Character"><Text>MARA</Text></Paragraph>
                <Paragraph Type="Parenthetical"><Text>(to herself)</Text></Paragraph>
                <Paragraph Type="Dialogue"><Text>The captain should be here by now.</Text></Paragraph>
                <Paragraph Type="Action"><Text>A door bangs. TOMAS runs up the stairs.</Text></Paragraph>
                <Paragraph>
                  <DualDialogue>
                    <Paragraph Type="Character"><Text>TOMAS</Text></Paragraph>
                    <Paragraph Type="Dialogue"><Text>He's gone. The boat is empty.</Text></Paragraph>
                    <Paragraph Type="Character"><Text>MARA</Text></Paragraph>
                    <Paragraph Type="Dialogue"><Text>Gone where?</Text></Paragraph>
                  </DualDialogue>
                </Paragraph>
                <Paragraph Type="Transition"><Text>CUT TO:</Text></Paragraph>
                <Paragraph Number="2" Type="Scene Heading"><Text>EXT. HARBOUR - DAWN</Text></Paragraph>
                <Paragraph Type="Action"><Text>Grey light. The ferry drifts past the pier, lanterns still lit.</Text></Paragraph>
                <Paragraph Type="Character"><Text>Old Ines</Text></Paragraph>
                <Paragraph Type="Dialogue"><Text>Nobody steers that boat.</Text></Paragraph>
                <Paragraph Type="Transition"><Text>Fade out.</Text></Paragraph>
              </Content>
            </FinalDraft>
            """;
}
