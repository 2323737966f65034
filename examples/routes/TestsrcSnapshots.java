// A Java route file, compiled when the job starts:
//   java -jar examples/target/camel-video.jar examples/routes/TestsrcSnapshots.java
// One JPEG a second from the test source, written to recordings/snapshots/.
import org.apache.camel.builder.RouteBuilder;

public class TestsrcSnapshots extends RouteBuilder {
    @Override
    public void configure() {
        from("camera:testsrc?width=640&height=360&fps=10")
            .filter(header("CamelVideoSequence").regex(".*0"))
            .convertBodyTo(byte[].class)
            .to("file:{{recordings:recordings}}/snapshots?fileName=frame-${header.CamelVideoSequence}.jpg");
    }
}
