package dev.comet.evm;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;

/**
 * A JSON-RPC connection (web3j) to a node: deploys contracts, sends transactions and reads their
 * receipts, and makes calls. Transactions come from the node's first unlocked account (anvil's),
 * or are signed here with a private key for a node that holds none.
 */
public final class EvmChain implements AutoCloseable {
    /** A deployment's gas, and a call's when the node cannot estimate it (it reverts). */
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(30_000_000);
    private final Web3j web3;
    private final String from;
    /** Signs the transactions, or null when the node's account sends them. */
    private final RawTransactionManager signer;

    public EvmChain(String url) {
        this.web3 = Web3j.build(new HttpService(url));
        this.signer = null;
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

    /** A connection whose transactions {@code credentials} sign, for the node's chain id. */
    public EvmChain(String url, Credentials credentials) {
        this.web3 = Web3j.build(new HttpService(url));
        this.from = credentials.getAddress();
        try {
            long chainId = web3.ethChainId().send().getChainId().longValueExact();
            this.signer = new RawTransactionManager(web3, credentials, chainId);
        } catch (IOException e) {
            throw new EvmException("cannot reach " + url + ": " + e.getMessage(), e);
        }
    }

    /** The account the transactions come from. */
    public String from() {
        return from;
    }

    /** A mined transaction: its receipt's status and gas. */
    public record Receipt(boolean success, long gasUsed, String contractAddress) {}

    /** Deploys {@code bytecode} (hex, creation code) and returns the contract's address. */
    public String deploy(String bytecode) {
        return deploy(bytecode, BigInteger.ZERO);
    }

    /** Deploys {@code bytecode} with {@code value} wei for a payable constructor. */
    public String deploy(String bytecode, BigInteger value) {
        Receipt r = send(null, "0x" + bytecode, value);
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
        return send(to, data, BigInteger.ZERO);
    }

    /** As {@link #send(String, String)}, paying {@code value} wei. */
    public Receipt send(String to, String data, BigInteger value) {
        try {
            long estimate = to == null ? -1 : estimate(to, data);
            BigInteger gas = estimate < 0 ? GAS_LIMIT : BigInteger.valueOf(estimate + estimate / 5);
            EthSendTransaction sent;
            if (signer == null) {
                sent = web3.ethSendTransaction(new Transaction(from, null, null, gas, to, value, data)).send();
            } else {
                BigInteger price = web3.ethGasPrice().send().getGasPrice();
                sent = signer.sendTransaction(price, gas, to == null ? "" : to, data, value, to == null);
            }
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

    /**
     * The data {@code eth_call} of {@code data} on {@code to} reverted with (hex, a custom error's
     * selector and arguments), or null when it did not revert.
     */
    public String revertData(String to, String data) {
        try {
            EthCall result = web3.ethCall(Transaction.createEthCallTransaction(from, to, data),
                    DefaultBlockParameterName.LATEST).send();
            if (!result.hasError() && !result.isReverted()) {
                return null;
            }
            Object d = result.hasError() ? result.getError().getData() : result.getRevertReason();
            return d == null ? "0x" : d.toString().replace("\"", "");
        } catch (IOException e) {
            throw new EvmException("call failed: " + e.getMessage(), e);
        }
    }

    /** Whether a contract's code is at {@code address}. */
    public boolean hasCode(String address) {
        try {
            String code = web3.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
            return code != null && code.length() > 2;
        } catch (IOException e) {
            throw new EvmException("code query failed: " + e.getMessage(), e);
        }
    }

    /** The balance of {@code address}, in wei. */
    public BigInteger balance(String address) {
        try {
            return web3.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
        } catch (IOException e) {
            throw new EvmException("balance query failed: " + e.getMessage(), e);
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
