// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice A client's signed request for compute (EIP-712 `JobOffer`). Lives in the
///         solver's order book; never stored on-chain. `jobOfferId` = its struct hash.
struct JobOffer {
    address client;
    bytes jobSpecCid; // binary CID of the job spec (module CID, input CIDs, args, limits)
    uint32 cpuMillis; // requested CPU, thousandths of a core
    uint32 memoryMiB; // requested memory
    uint64 maxFuel; // fuel (WASM instructions) the job may use at most
    uint256 maxPrice; // the most the client pays
    uint256 clientCollateral; // client timeout collateral
    uint256 mediationFee; // paid by the client on a dispute
    address[] mediators; // acceptable mediators, sorted ascending
    uint32 resultTimeout; // seconds from agreement to result
    uint32 judgeTimeout; // seconds from result to acceptance
    uint32 mediationTimeout; // seconds from dispute to verdict
    uint256 nonce;
    uint64 expiry; // unix seconds
}

/// @notice A compute node's signed offer of resources (EIP-712 `ResourceOffer`).
struct ResourceOffer {
    address node;
    uint32 cpuMillis;
    uint32 memoryMiB;
    uint64 maxFuel; // the most fuel the node will run for one job
    uint256 price; // fixed price per job (used when pricePerFuel == 0)
    uint256 pricePerFuel; // price per unit of fuel (0 = fixed price)
    uint256 nodeCollateral; // node timeout collateral
    uint32 cheatingMultiplier; // cheating collateral = multiplier × deal price
    address[] mediators; // acceptable mediators, sorted ascending
    uint256 nonce;
    uint64 expiry;
}

/// @notice The matched terms both parties sign (EIP-712 `Deal`). `dealId` is its struct
///         hash. Only `dealId` and the facts of each phase are stored; every later call
///         passes the terms again in calldata and the contract checks them by hash.
struct Deal {
    address client;
    address node;
    bytes32 jobOfferId; // struct hash of the JobOffer it was matched from
    bytes32 resourceOfferId; // struct hash of the ResourceOffer it was matched from
    bytes jobSpecCid;
    uint64 maxFuel;
    uint256 price; // locked by the client; the most the node is paid
    uint256 pricePerFuel; // 0 = fixed `price`; else payment = min(price, fuelUsed × pricePerFuel)
    uint256 clientCollateral;
    uint256 nodeCollateral;
    uint256 cheatingCollateral;
    uint256 mediationFee;
    address[] mediators; // the agreed mediator set, sorted ascending, no duplicates
    uint64 agreeDeadline; // unix seconds: both parties must have agreed by then
    uint32 resultTimeout;
    uint32 judgeTimeout;
    uint32 mediationTimeout;
}

/// @notice Stored phase of a deal. Time-based states (overdue, expired) are derived from the
///         stored timestamps (`IDealManager.currentDeadline`), never stored.
enum DealPhase {
    None, // 0: unknown deal
    ClientAgreed, // 1: client called agree(), node has not
    NodeAgreed, // 2: node called agree(), client has not
    Agreed, // 3: both sides locked; waiting for the result
    ResultPosted, // 4: result CID posted; judge window running
    MediationRequested, // 5: client disputed; mediation window running
    Accepted, // 6: terminal: node paid (by acceptance, finalize after judge window)
    MediatedCorrect, // 7: terminal: mediation found the result correct; node paid, client paid the fee
    MediatedIncorrect, // 8: terminal: mediation found the result wrong; node slashed, client refunded
    AgreeExpired, // 9: terminal: only one side agreed before agreeDeadline; it was refunded
    ResultTimedOut, // 10: terminal: no result in time; node collateral to client
    MediationTimedOut // 11: terminal: no verdict in time; both refunded
}

/// @notice The on-chain facts of one deal (one storage slot: 8 + 3 × 40 + 2 × 64 bits).
struct DealRecord {
    DealPhase phase;
    uint40 agreedAt; // when both sides had locked
    uint40 resultAt; // when the result was posted
    uint40 disputedAt; // when mediation was requested
    uint64 fuelUsed; // fuel reported with the result
    uint64 disputeBlock; // block number of the mediation request (seeds the panel draw)
}

/// @notice A mediation outcome as the MediationCourt reports it to the DealManager.
enum Verdict {
    None, // 0: no verdict (the mediation timed out: both parties refunded, mediators unpaid)
    Correct, // 1: the result is correct: paid out as accepted, the fees go to the mediators
    Incorrect // 2: the result is wrong: node unpaid, cheating collateral slashed
}
