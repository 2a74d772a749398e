package dev.comet.evm;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * A JSON-RPC connection (web3j) to a node whose first account is unlocked, as anvil's are:
 * deploys contracts, sends transactions and reads their receipts, and makes calls.
 */
public final class EvmChain implements AutoCloseable {
    /** A deployment's gas, and a call's when the node cannot estimate it (it reverts). */
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(30_000_000);
    private final Web3j web3;
    private final String from;

    public EvmChain(String url) {
        this.web3 = Web3j.build(new HttpService(url));
        try {
            List<String> accounts = web3.ethAccounts().send().getAccounts();
            if (accounts.isEmpty()) {
                throw new EvmException(url + " has no unlocked account");
            }
            this.from = accounts.get(0);
        } catch (IOException e) {
            throw new EvmException("cannot reach " + url + ": " + e.getMessage(), e);
        }
    }

    /** A mined transaction: its receipt's status and gas. */
    public record Receipt(boolean success, long gasUsed, String contractAddress) {}

    /** Deploys {@code bytecode} (hex, creation code) and returns the contract's address. */
    public String deploy(String bytecode) {
        Receipt r = send(null, "0x" + bytecode);
        if (!r.success() || r.contractAddress() == null) {
            throw new EvmException("deployment failed (gas used " + r.gasUsed() + ")");
        }
        return r.contractAddress();
    }

    /**
     * Deploys {@code contract} of {@code compiled} after the libraries it links (each once, in
     * dependency order, through {@code deployed}), and returns its address.
     */
    public String deployLinked(Map<String, Solc.Compiled> compiled, String contract, Map<String, String> deployed) {
        Solc.Compiled c = compiled.get(contract);
        if (c == null) {
            throw new EvmException("no compiled contract " + contract);
        }
        for (String library : c.links().keySet()) {
            if (!deployed.containsKey(library)) {
                deployed.put(library, deployLinked(compiled, library, deployed));
            }
        }
        return deploy(c.linked(deployed));
    }

    /**
     * Sends {@code data} to {@code to} (null: a deployment) and waits for its receipt (anvil mines
     * at once); a call gets the node's estimate of its gas and a fifth more.
     */
    public Receipt send(String to, String data) {
        try {
            long estimate = to == null ? -1 : estimate(to, data);
            BigInteger gas = estimate < 0 ? GAS_LIMIT : BigInteger.valueOf(estimate + estimate / 5);
            Transaction tx = Transaction.createFunctionCallTransaction(from, null, null, gas, to, data);
            EthSendTransaction sent = web3.ethSendTransaction(tx).send();
            if (sent.hasError()) {
                return new Receipt(false, 0, null);
            }
            TransactionReceipt receipt = receipt(sent.getTransactionHash());
            return new Receipt(receipt.isStatusOK(), receipt.getGasUsed().longValueExact(), receipt.getContractAddress());
        } catch (IOException e) {
            throw new EvmException("transaction failed: " + e.getMessage(), e);
        }
    }

    /** The receipt of {@code hash}, polled for up to 10 s (anvil mines at once, but answers the hash first). */
    private TransactionReceipt receipt(String hash) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            java.util.Optional<TransactionReceipt> r = web3.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (r.isPresent()) {
                return r.get();
            }
            if (System.nanoTime() > deadline) {
                throw new EvmException("no receipt for " + hash + " within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EvmException("interrupted while waiting for " + hash);
            }
        }
    }

    /** {@code eth_call} of {@code data} on {@code to}: the returned bytes (hex), or null when it reverts. */
    public String call(String to, String data) {
        try {
            EthCall result = web3.ethCall(Transaction.createEthCallTransaction(from, to, data),
                    DefaultBlockParameterName.LATEST).send();
            return result.hasError() || result.isReverted() ? null : result.getValue();
        } catch (IOException e) {
            throw new EvmException("call failed: " + e.getMessage(), e);
        }
    }

    /** {@code eth_estimateGas} of {@code data} on {@code to}: the gas a transaction would use, or -1 when it reverts. */
    public long estimate(String to, String data) {
        try {
            var result = web3.ethEstimateGas(Transaction.createEthCallTransaction(from, to, data)).send();
            return result.hasError() ? -1 : result.getAmountUsed().longValueExact();
        } catch (IOException e) {
            throw new EvmException("gas estimate failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        web3.shutdown();
    }
}
