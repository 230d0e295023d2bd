"""Times state machines in moto's in-process Step Functions executor and in VendingPass; see Tools/compare-moto."""
import json, os, subprocess, sys, time

import boto3
import moto
from moto import mock_aws

INPUT = {"id": "e-000001", "type": "purchase", "participant": "vp-7f3a9c", "amount": 250}


@mock_aws(config={"stepfunctions": {"execute_state_machine": True}})
def moto_rate(definition, executions):
    client = boto3.client("stepfunctions", region_name="us-east-1")
    arn = client.create_state_machine(name="m", definition=json.dumps(definition), roleArn="arn:aws:iam::123456789012:role/x")["stateMachineArn"]
    started = time.perf_counter()
    arns = [client.start_execution(stateMachineArn=arn, name=f"x-{i}", input=json.dumps(INPUT))["executionArn"] for i in range(executions)]
    for execution in arns:
        while True:
            status = client.describe_execution(executionArn=execution)["status"]
            if status != "RUNNING":
                break
            time.sleep(0.01)
        if status != "SUCCEEDED":
            raise SystemExit(f"moto execution {execution} ended {status}")
    return executions / (time.perf_counter() - started)


def vendingpass_rate(bench, path, executions):
    out = subprocess.run([bench, "asl", path, str(executions)], capture_output=True, text=True, check=True).stdout
    return float(out.split("executions/s")[0].split()[-1])


def main():
    bench, executions, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    print(f"moto {moto.__version__} (execute_state_machine on) vs VendingPass (virtual clock, in memory); moto: {executions} executions, VendingPass: {executions * 100}")
    print(f"{'state machine':<16}{'moto exec/s':>14}{'VendingPass exec/s':>22}{'ratio':>10}")
    for path in paths:
        definition = json.load(open(path))
        theirs = moto_rate(definition, executions)
        ours = vendingpass_rate(bench, path, executions * 100)
        name = os.path.basename(path).replace(".asl.json", "")
        print(f"{name:<16}{theirs:>14.0f}{ours:>22.0f}{ours / theirs:>9.0f}x")
    print("wait: moto sleeps each Wait in real time; VendingPass's virtual clock jumps to the next timer, so that ratio measures the clock, not the interpreter.")


if __name__ == "__main__":
    main()
