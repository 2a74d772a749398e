package dev.comet.evm;

/** An anvil node and a connection to it, for a test class: {@code @BeforeAll} starts it, {@code @AfterAll} closes it. */
final class LocalChain implements AutoCloseable {
    final EvmTools tools;
    final Anvil anvil;
    final EvmChain chain;

    private LocalChain(EvmTools tools, Anvil anvil, EvmChain chain) {
        this.tools = tools;
        this.anvil = anvil;
        this.chain = chain;
    }

    static LocalChain start() {
        EvmTools tools = EvmTools.locate();
        Anvil anvil = Anvil.start(tools);
        return new LocalChain(tools, anvil, new EvmChain(anvil.url()));
    }

    /** The verdict of the verifier deployed at {@code address} on calldata {@code c} for {@code set}'s public inputs. */
    boolean verifies(String address, dev.comet.air.TableSet set, ProofCalldata c) {
        return OnChainVerification.isTrue(chain.call(address,
                OnChainVerification.verifyCall(OnChainVerification.publicInputs(set), c)));
    }

    @Override
    public void close() {
        chain.close();
        anvil.close();
    }
}
