"""An independent client of the token the app wrote: botocore's own SSOTokenProvider loads it from
~/.aws/sso/cache (by the sso-session name), then botocore's SSO client exchanges it for role
credentials (GetRoleCredentials) and its STS client calls GetCallerIdentity with them, both against
the emulator through endpoint_url (which every botocore version takes; the AWS_ENDPOINT_URL
variables only from 1.31). Prints one JSON line: botocore's version, the account and the token's
expiry as botocore read it.

argv: profile endpoint_url
"""
import json
import sys

import botocore
import botocore.session
from botocore import UNSIGNED
from botocore.config import Config
from botocore.tokens import SSOTokenProvider

profile, endpoint = sys.argv[1], sys.argv[2]
session = botocore.session.Session(profile=profile)
config = session.full_config["profiles"][profile]
try:
    provider = SSOTokenProvider(session, profile_name=profile)
except TypeError:
    # botocore 1.29 (Debian's python3-botocore) has no profile_name: it reads the session's profile.
    provider = SSOTokenProvider(session)
token = provider.load_token()
frozen = token.get_frozen_token()
sso = session.create_client(
    "sso", region_name="us-east-1", endpoint_url=endpoint, config=Config(signature_version=UNSIGNED)
)
role = sso.get_role_credentials(
    roleName=config["sso_role_name"], accountId=config["sso_account_id"], accessToken=frozen.token
)["roleCredentials"]
sts = session.create_client(
    "sts",
    region_name="us-east-1",
    endpoint_url=endpoint,
    aws_access_key_id=role["accessKeyId"],
    aws_secret_access_key=role["secretAccessKey"],
    aws_session_token=role["sessionToken"],
)
identity = sts.get_caller_identity()
print(
    json.dumps(
        {
            "botocore": botocore.__version__,
            "account": identity["Account"],
            "expiration": frozen.expiration.isoformat() if frozen.expiration else None,
        }
    )
)
