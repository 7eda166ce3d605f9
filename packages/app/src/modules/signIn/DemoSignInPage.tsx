/*
 * Copyright 2026 The Backstage AWS Access Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { useState } from 'react';
import {
  Content,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import { SignInPageProps } from '@backstage/plugin-app-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  SignInChoice,
  forgetChoiceOnSignOut,
  forgetSignInChoice,
  readSignInChoice,
  storeSignInChoice,
} from './demoSignInChoice';

/** The people of the demo catalog (examples/org.yaml) and the part each plays. */
export const DEMO_USERS = [
  {
    userName: 'guest',
    title: 'Guest Developer',
    description: 'Team Payments. Requests access.',
  },
  {
    userName: 'alice',
    title: 'Alice Admin',
    description: 'Platform team and Team Payments. Approves and administers.',
  },
  {
    userName: 'bob',
    title: 'Bob Builder',
    description: 'Team Data. Owns the data resources.',
  },
] as const;

/** Header the backend's `demo` provider reads the user name from. */
const DEMO_USER_HEADER = 'x-demo-user';

function SignInError(props: { error?: Error; onBack(): void }) {
  return (
    <Page themeId="home">
      <Header title="Sign-in failed" />
      <Content>
        <InfoCard title="Could not sign in">
          <Typography paragraph>{props.error?.message}</Typography>
          <Button variant="outlined" color="primary" onClick={props.onBack}>
            Back to sign-in
          </Button>
        </InfoCard>
      </Content>
    </Page>
  );
}

/**
 * The demo's sign-in page: the guest, or any demo user through the
 * development-only `demo` provider, so one person can request access as one
 * user and approve it as another.
 */
export function DemoSignInPage(props: SignInPageProps) {
  const [choice, setChoice] = useState<SignInChoice | undefined>(
    readSignInChoice,
  );

  if (choice) {
    const back = () => {
      forgetSignInChoice();
      setChoice(undefined);
    };
    return (
      <ProxiedSignInPage
        provider={choice.provider}
        headers={
          choice.provider === 'demo'
            ? { [DEMO_USER_HEADER]: choice.userName }
            : undefined
        }
        onSignInSuccess={identity => {
          storeSignInChoice(choice);
          props.onSignInSuccess(forgetChoiceOnSignOut(identity));
        }}
        ErrorComponent={({ error }) => (
          <SignInError error={error} onBack={back} />
        )}
      />
    );
  }

  return (
    <Page themeId="home">
      <Header title="AWS Access demo" subtitle="Sign in" />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={4}>
            <InfoCard
              title="Guest"
              variant="fullHeight"
              actions={
                <Button
                  color="primary"
                  variant="outlined"
                  onClick={() => setChoice({ provider: 'guest' })}
                >
                  Enter
                </Button>
              }
            >
              <Typography>Sign in as the guest developer.</Typography>
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={8}>
            <InfoCard
              title="Demo users"
              subheader="Development only: play requester and approver in turn"
              variant="fullHeight"
            >
              <List>
                {DEMO_USERS.map(user => (
                  <ListItem key={user.userName}>
                    <ListItemText
                      primary={`${user.title} (${user.userName})`}
                      secondary={user.description}
                    />
                    <ListItemSecondaryAction>
                      <Button
                        color="primary"
                        variant="outlined"
                        aria-label={`Sign in as ${user.userName}`}
                        onClick={() =>
                          setChoice({
                            provider: 'demo',
                            userName: user.userName,
                          })
                        }
                      >
                        Sign in
                      </Button>
                    </ListItemSecondaryAction>
                  </ListItem>
                ))}
              </List>
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
