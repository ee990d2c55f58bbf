import java.net.Socket;
/**
 * Allocates args[1] MiB, connects to 127.0.0.1:args[0], writes one byte and waits to be killed.
 */
public class Victim {
    public static void main(String[] args) throws Exception {
        byte[][] heap = new byte[Integer.parseInt(args[1])][];
        for (int i = 0; i < heap.length; i++) heap[i] = new byte[1 << 20];
        Socket s = new Socket("127.0.0.1", Integer.parseInt(args[0]));
        s.getOutputStream().write(1);
        Thread.sleep(Long.MAX_VALUE);
    }
}
